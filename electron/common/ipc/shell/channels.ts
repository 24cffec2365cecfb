/** Hand-offs to the operating system (the system browser). */
export const ShellChannel = {
  ShellOpenExternal: 'shell:openExternal',
} as const;
