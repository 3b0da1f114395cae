import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { MailStatus } from "./mail-api";

const colors: Record<MailStatus, string> = {
  queued: "blue",
  sending: "cyan",
  sent: "teal",
  failed: "red",
  suppressed: "gray",
};

export function MailStatusBadge({ status, count }: { status: MailStatus; count?: number }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={colors[status]}
      variant={status === "failed" ? "filled" : "light"}
      tt="none"
      data-testid="mail-status"
      data-status={status}
    >
      {t(`mail.statuses.${status}`)}
      {count !== undefined ? ` ${count}` : ""}
    </Badge>
  );
}
