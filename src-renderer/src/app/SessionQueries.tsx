import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';

/**
 * The renderer's cache of what it has read from the core (@tanstack/react-query,
 * docs/renderer-data.md). One cache per signed-in session: it lives inside the
 * shell, so a lock or sign-out unmounts it and its data (names, health history)
 * is cleared at once rather than left for the next person at the desk.
 */
export function newSessionQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A failed read shows its message at once: retrying a refused or invalid call only delays it.
        retry: false,
        // The core is local and fast; the window's focus says nothing about the data's age.
        refetchOnWindowFocus: false,
        // Every screen asks the core again when it opens, as it did before the cache: a cached answer
        // is shown meanwhile (no "Loading…" flash), but nothing is trusted as fresh. The cache's work is
        // sharing one read between the views that need it, dropping late answers, and invalidating
        // what a write changed on screen (docs/renderer-data.md). Reads of a client's record are not
        // kept at all (CLIENT_READ in query-keys.ts).
        staleTime: 0,
      },
      mutations: { retry: false },
    },
  });
}

export function SessionQueries({ children }: { children: ReactNode }) {
  const [client] = useState(newSessionQueryClient);
  useEffect(() => () => client.clear(), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
