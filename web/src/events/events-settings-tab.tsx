import { Grid, Stack } from "@mantine/core";
import { canEditAccounts, canManageWorkspace, useMe } from "../auth/me-query";
import { WriteKeySection } from "../settings/write-key-section";
import { InstallSnippetCard } from "./install-snippet-card";
import { RecentEventsCard } from "./recent-events-card";
import { UnmatchedGroupsCard } from "./unmatched-groups-card";
import { UsageDefinitionCard } from "./usage-definition-card";

/** Settings → Usage events: how to send them, what they mean, and what has arrived. */
export function EventsSettingsTab() {
  const me = useMe();
  const manager = canManageWorkspace(me);
  return (
    <Stack gap="lg" data-testid="settings-events">
      <Grid gap="lg" align="stretch">
        {manager && (
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="lg">
              <WriteKeySection canRotate={me.role === "admin"} />
              <InstallSnippetCard />
            </Stack>
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, lg: manager ? 5 : 12 }}>
          <UsageDefinitionCard editable={manager} />
        </Grid.Col>
      </Grid>
      {manager && <RecentEventsCard />}
      <UnmatchedGroupsCard canCreate={canEditAccounts(me)} />
    </Stack>
  );
}
