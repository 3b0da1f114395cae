// Onboardings that need attention, ranked, with proposed follow-ups.
export function NeedsAttentionPage() {
  return null;
}
