// The matchers are registered by test/setup/renderer.ts; this brings their types into tsconfig.web.json.
import '@testing-library/jest-dom/vitest';
