// Edit one onboarding template.
export function OnboardingTemplateEditorPage() {
  return null;
}
