import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  createTheme,
  type CSSVariablesResolver,
  Loader,
  Modal,
  NavLink,
  Tooltip,
} from '@mantine/core';

/**
 * Berth's Mantine theme. Component defaults live here, not at call sites, so every screen agrees. Fonts are
 * the system stack: the renderer loads nothing from the network.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    ActionIcon: ActionIcon.extend({ defaultProps: { variant: 'subtle', size: 'md' } }),
    Alert: Alert.extend({ defaultProps: { variant: 'light' } }),
    Badge: Badge.extend({ defaultProps: { variant: 'light', radius: 'sm' } }),
    Button: Button.extend({ defaultProps: { size: 'sm' } }),
    Loader: Loader.extend({ defaultProps: { size: 'sm' } }),
    Modal: Modal.extend({ defaultProps: { centered: true } }),
    NavLink: NavLink.extend({ defaultProps: { variant: 'light' } }),
    Tooltip: Tooltip.extend({ defaultProps: { withArrow: true, openDelay: 400 } }),
  },
});

/**
 * Mantine's dark scheme draws `light` and `subtle` colours (a row's Stop and Remove icons, light badges) in shade 0,
 * which reads as white: every colour keeps its hue in dark mode with shade 4 instead.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {},
  dark: Object.fromEntries(
    Object.keys(resolved.colors)
      .filter((color) => color !== 'dark' && color !== 'gray')
      .map((color) => [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-4)`]),
  ),
});
