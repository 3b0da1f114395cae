import {
  Anchor,
  Avatar,
  Badge,
  Button,
  Grid,
  Group,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import {
  IconActivity,
  IconAlertTriangle,
  IconArrowLeft,
  IconBuilding,
  IconClipboardText,
  IconHandStop,
  IconHistory,
  IconListCheck,
  IconPencil,
  IconRoute,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canEditAccounts, useMe } from "../auth/me-query";
import { AccountUsageSection } from "../events/account-usage-section";
import { handoffQuery } from "../handoff/handoff-api";
import { HandoffSection } from "../handoff/handoff-section";
import { HearingSheetsSection } from "../hearing-sheets/hearing-sheets-section";
import { AccountInformationEmailsCard } from "../information-emails/account-information-card";
import { AccountOnboardingSection } from "../onboarding/account-onboarding-section";
import { isApiError } from "../platform/api";
import { SegmentBadge } from "../segmentation/segment-badge";
import { AccountSeminarsCard } from "../seminars/account-seminars-card";
import { RouteErrorPage } from "../shell/route-error-page";
import { TimelineSection } from "../timeline/timeline-section";
import { ClassificationSection } from "../touch-models/classification-section";
import { PhaseBadge, PlanBadge, TouchModelBadge } from "./account-badges";
import { AccountDetailsCard } from "./account-details-card";
import { AccountFormModal } from "./account-form-modal";
import { AccountNotFound } from "./account-not-found";
import { type AccountTab, accountTabs } from "./account-tabs";
import { accountQuery } from "./accounts-api";
import { ContactsCard } from "./contacts-card";
import { CustomAttributesCard } from "./custom-attributes-card";

const route = getRouteApi("/app/accounts/$accountId");

const tabIcons: Record<AccountTab, typeof IconBuilding> = {
  overview: IconBuilding,
  handoff: IconHandStop,
  hearing: IconClipboardText,
  onboarding: IconListCheck,
  usage: IconActivity,
  timeline: IconHistory,
  classification: IconRoute,
};

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { accountId } = route.useParams();
  const search = route.useSearch();
  const tab: AccountTab = accountTabs.find((k) => k === search.tab) ?? "overview";
  const navigate = route.useNavigate();
  const account = useQuery(accountQuery(accountId));
  const handoff = useQuery(handoffQuery(accountId));
  const [editing, setEditing] = useState(false);

  if (account.isError && isApiError(account.error, 404)) return <AccountNotFound />;
  if (account.isError) return <RouteErrorPage error={account.error} reset={() => void account.refetch()} />;

  const a = account.data;
  const editable = canEditAccounts(me);

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Anchor component={Link} to="/accounts" size="sm" c="dimmed" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("accounts.title")}
        </Group>
      </Anchor>

      {a ? (
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
            <Title order={1} size="h2" data-testid="account-name" style={{ overflowWrap: "anywhere" }}>
              {a.name}
            </Title>
            <Group gap="xs">
              {a.segment && <SegmentBadge segment={a.segment} />}
              {a.touchModel && (
                <TouchModelBadge model={a.touchModel} overridden={a.touchModelSource === "override"} />
              )}
              {a.plan && <PlanBadge plan={a.plan} />}
              <PhaseBadge phase={a.lifecyclePhase} />
              {handoff.data && !handoff.data.complete && (
                <Badge
                  color="yellow"
                  variant="light"
                  tt="none"
                  leftSection={<IconAlertTriangle size={12} />}
                  data-testid="handoff-warning"
                  style={{ cursor: "pointer" }}
                  onClick={() => void navigate({ search: { tab: "handoff" }, replace: true })}
                >
                  {t("handoff.incompleteBadge")}
                </Badge>
              )}
              <Group gap={6} ml={4}>
                <Avatar size={22} radius="xl" color="indigo">
                  {(a.owner?.name ?? "?").slice(0, 1)}
                </Avatar>
                <Text size="sm" data-testid="account-owner">
                  {a.owner?.name ?? t("account.noOwner")}
                </Text>
              </Group>
            </Group>
          </Stack>
          {editable && (
            <Button
              leftSection={<IconPencil size={16} />}
              variant="light"
              onClick={() => setEditing(true)}
              data-testid="account-edit"
            >
              {t("common.edit")}
            </Button>
          )}
        </Group>
      ) : (
        <Stack gap={8}>
          <Skeleton height={30} width="40%" />
          <Skeleton height={18} width="25%" />
        </Stack>
      )}

      <Tabs
        value={tab}
        onChange={(value) =>
          void navigate({
            search: value && value !== "overview" ? { tab: value as AccountTab } : {},
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md" style={{ flexWrap: "nowrap", overflowX: "auto", overflowY: "hidden" }}>
          {accountTabs.map((key) => {
            const Icon = tabIcons[key];
            return (
              <Tabs.Tab
                key={key}
                value={key}
                leftSection={<Icon size={16} />}
                data-testid={`account-tab-${key}`}
                style={{ whiteSpace: "nowrap" }}
              >
                {key === "onboarding"
                  ? t("onboarding.tab")
                  : key === "usage"
                    ? t("events.accountTab")
                    : t(`accountTabs.${key}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <AccountDetailsCard account={a} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <CustomAttributesCard custom={a?.custom} />
            </Grid.Col>
            <Grid.Col span={12}>
              <ContactsCard accountId={accountId} contacts={a?.contacts} editable={editable} />
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="handoff">
          <HandoffSection accountId={accountId} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="hearing">
          <HearingSheetsSection accountId={accountId} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="onboarding">
          <AccountOnboardingSection accountId={accountId} account={a} editable={editable} />
          <AccountInformationEmailsCard accountId={accountId} />
          <AccountSeminarsCard accountId={accountId} />
        </Tabs.Panel>
        <Tabs.Panel value="usage">
          <AccountUsageSection accountId={accountId} account={a} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <TimelineSection accountId={accountId} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="classification">
          <ClassificationSection accountId={accountId} editable={editable} />
        </Tabs.Panel>
      </Tabs>

      {a && <AccountFormModal opened={editing} onClose={() => setEditing(false)} account={a} />}
    </Stack>
  );
}
