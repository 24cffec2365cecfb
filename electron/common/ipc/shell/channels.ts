/** Hand-offs to the operating system (the system browser, the viewer of Berth's log file). */
export const ShellChannel = {
  ShellOpenExternal: 'shell:openExternal',
  ShellOpenLogFile: 'shell:openLogFile',
} as const;
