// Where one enrolment stands: receiving (with the next step's date) or stopped and why.
import { Badge, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import type { Enrolment } from "./information-emails-api";

export function EnrolmentState({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  if (!enrolment.stopReason)
    return (
      <Badge variant="light" color="teal" tt="none">
        {t("informationEmails.enrolments.running")}
      </Badge>
    );
  return (
    <Badge variant="light" color={enrolment.stopReason === "finished" ? "blue" : "gray"} tt="none">
      {t(`informationEmails.enrolments.reasons.${enrolment.stopReason}`)}
    </Badge>
  );
}

export function NextStep({ enrolment }: { enrolment: Enrolment }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const next = enrolment.nextStep;
  if (!next)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <div>
      <Text size="sm">{f.date(next.dueAt)}</Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {t("informationEmails.editor.step", { n: next.position + 1 })} ·{" "}
        {i18n.resolvedLanguage === "en" ? next.subject.en : next.subject.ja}
      </Text>
    </div>
  );
}
