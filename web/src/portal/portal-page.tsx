// The customer portal.
export function PortalPage() {
  return null;
}
