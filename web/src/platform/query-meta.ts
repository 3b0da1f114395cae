// Typed `meta` for TanStack Query: a query or mutation can handle its own errors.
import "@tanstack/react-query";

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}
