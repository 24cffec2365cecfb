import { createContext, type ReactNode, useContext } from 'react';

import type { BerthStores } from './stores';

const StoresContext = createContext<BerthStores | null>(null);

interface StoresProviderProps {
  /** The window's stores, from `createStores`. */
  stores: BerthStores;
  children?: ReactNode;
}

/** Hands the window's stores to every hook below it. */
export function StoresProvider({ stores, children }: StoresProviderProps) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

/** The stores from the nearest `StoresProvider`; throws when there is none (a wiring bug). */
export function useStores(): BerthStores {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('useStores must be used inside <StoresProvider>');
  return stores;
}
