import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

import classes from './ComingSoon.module.css';

export interface ComingSoonProps {
  /** What is missing, e.g. `Images`. */
  title: string;
  /** One or two sentences on what the page will do and what to use meanwhile. */
  description: ReactNode;
  /** The page's navigation icon. */
  icon: ReactNode;
}

/** An honest placeholder for a page Berth does not have yet: says so, shows no made-up data. */
export function ComingSoon({ title, description, icon }: ComingSoonProps) {
  return (
    <div className={classes.root} data-testid="coming-soon">
      <EmptyState
        title={`${title} are coming soon`}
        description={description}
        icon={icon}
        withIndicatorBackground
      />
    </div>
  );
}
