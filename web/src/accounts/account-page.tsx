import { Anchor, Avatar, Button, Grid, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canEditAccounts, useMe } from "../auth/me-query";
import { isApiError } from "../platform/api";
import { RouteErrorPage } from "../shell/route-error-page";
import { PhaseBadge, PlanBadge } from "./account-badges";
import { AccountDetailsCard } from "./account-details-card";
import { AccountFormModal } from "./account-form-modal";
import { AccountNotFound } from "./account-not-found";
import { accountQuery } from "./accounts-api";
import { ContactsCard } from "./contacts-card";
import { CustomAttributesCard } from "./custom-attributes-card";

const route = getRouteApi("/app/accounts/$accountId");

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { accountId } = route.useParams();
  const account = useQuery(accountQuery(accountId));
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
              <PlanBadge plan={a.plan} />
              <PhaseBadge phase={a.lifecyclePhase} />
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

      {a && <AccountFormModal opened={editing} onClose={() => setEditing(false)} account={a} />}
    </Stack>
  );
}
