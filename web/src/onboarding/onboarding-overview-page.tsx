// All running onboardings.
export function OnboardingOverviewPage() {
  return null;
}
