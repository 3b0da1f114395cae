import type { TemplateDefinition } from "../onboarding/onboarding-schemas.ts";

/** The demo product's help pages, linked from the demo workspace's onboarding templates. */
export const demoResources: TemplateDefinition["resources"] = [
  {
    key: "manual",
    kind: "manual",
    title: { ja: "操作マニュアル", en: "User manual" },
    url: "https://help.embark.example/manual",
  },
  {
    key: "faq",
    kind: "faq",
    title: { ja: "よくある質問（FAQ）", en: "Frequently asked questions" },
    url: "https://help.embark.example/faq",
  },
  {
    key: "tutorial-video",
    kind: "video",
    title: { ja: "動画チュートリアル", en: "Video tutorials" },
    url: "https://help.embark.example/videos",
  },
];
