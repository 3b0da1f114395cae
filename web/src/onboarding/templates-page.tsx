// The onboarding templates (playbooks) per touch model.
export function OnboardingTemplatesPage() {
  return null;
}
