import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  createTheme,
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
