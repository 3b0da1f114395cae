import { Grid, Stack } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { MonthlyReportMailCard } from "../reports/report-mail-card";
import { outboxQuery } from "./mail-api";
import { ChatWebhookCard, SmtpCard } from "./mail-settings-cards";
import { OutboxCard } from "./outbox-card";

/** Settings → Mail: the SMTP status, the chat webhook and the outbox. */
export function MailSettingsTab() {
  const me = useMe();
  const manager = canManageWorkspace(me);
  // The unfiltered first page (shared with the outbox card) carries the SMTP status.
  const outbox = useInfiniteQuery(outboxQuery({}));
  return (
    <Stack gap="lg" data-testid="settings-mail">
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <SmtpCard smtp={outbox.data?.pages[0]?.smtp} editable={manager} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ChatWebhookCard editable={manager} />
        </Grid.Col>
      </Grid>
      <MonthlyReportMailCard editable={manager} />
      <OutboxCard canRetry={manager} />
    </Stack>
  );
}
