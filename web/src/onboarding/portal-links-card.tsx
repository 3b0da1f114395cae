// The account's secret portal links: create one (its URL is shown once, to copy), see expiry, last use
// and who identified, revoke.
import {
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconCheck, IconCopy, IconLink, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../auth/me-query";
import { DaysInput } from "../platform/days-input";
import { useFormatters } from "../platform/format";
import { notifySuccess } from "../platform/notify";
import { ConfirmModal } from "./confirm-modal";
import {
  type PortalLink,
  portalLinksQuery,
  useCreatePortalLink,
  useRevokePortalLink,
} from "./onboarding-api";

const statusColors: Record<PortalLink["status"], string> = {
  active: "teal",
  revoked: "gray",
  expired: "orange",
};

export function PortalLinksCard({ accountId, editable }: { accountId: string; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const links = useQuery(portalLinksQuery(accountId));
  const revoke = useRevokePortalLink(accountId);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<PortalLink | null>(null);
  const items = links.data?.items ?? [];
  const active = items.filter((l) => l.status === "active");
  const inactive = items.filter((l) => l.status !== "active");

  return (
    <Card withBorder radius="md" padding="lg" data-testid="portal-links">
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h5">
          {t("onboarding.portal.title")}
        </Title>
        {editable && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setCreating(true)}
            data-testid="portal-link-create"
          >
            {t("onboarding.portal.create")}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t("onboarding.portal.hint")}
      </Text>
      <Stack gap="xs">
        {links.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("onboarding.portal.none")}
          </Text>
        )}
        {[...active, ...inactive].map((l) => (
          <Group
            key={l.id}
            gap="xs"
            align="flex-start"
            wrap="nowrap"
            data-testid="portal-link"
            data-status={l.status}
            style={{ opacity: l.status === "active" ? 1 : 0.6 }}
          >
            <IconLink size={16} style={{ marginTop: 3, flexShrink: 0 }} />
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Group gap={6}>
                <Text size="sm" fw={500} lineClamp={1}>
                  {l.label || t("onboarding.portal.unnamed")}
                </Text>
                <Badge size="xs" color={statusColors[l.status]} variant="light" tt="none">
                  {t(`onboarding.portal.status.${l.status}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {l.status === "revoked"
                  ? t("onboarding.portal.revokedOn", { date: f.date(l.revokedAt) })
                  : t("onboarding.portal.expires", { date: f.date(l.expiresAt) })}
                {" · "}
                {l.lastUsedAt
                  ? t("onboarding.portal.lastUsed", { date: f.dateTime(l.lastUsedAt) })
                  : t("onboarding.portal.neverUsed")}
              </Text>
              {l.visitors.length > 0 && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {t("onboarding.portal.visitors", {
                    names: l.visitors.map((v) => v.name || v.email).join(", "),
                  })}
                </Text>
              )}
            </Stack>
            {editable && l.status === "active" && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => setRevoking(l)}
                data-testid="portal-link-revoke"
              >
                {t("onboarding.portal.revoke")}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {creating && <CreateLinkModal accountId={accountId} onClose={() => setCreating(false)} />}
      <ConfirmModal
        opened={Boolean(revoking)}
        title={t("onboarding.portal.revokeTitle")}
        body={t("onboarding.portal.revokeBody")}
        confirmLabel={t("onboarding.portal.revoke")}
        loading={revoke.isPending}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifySuccess(t("onboarding.portal.revoked"));
              setRevoking(null);
            },
          })
        }
        onClose={() => setRevoking(null)}
      />
    </Card>
  );
}

function CreateLinkModal({ accountId, onClose }: { accountId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreatePortalLink(accountId);
  const defaultDays = me.workspace.settings["portal.linkDays"] ?? 90;
  const [label, setLabel] = useState("");
  const [days, setDays] = useState<number | string>(defaultDays);
  const [url, setUrl] = useState<string | null>(null);

  return (
    <Modal opened onClose={onClose} title={t("onboarding.portal.createTitle")} centered size="lg">
      {url ? (
        <Stack gap="sm" data-testid="portal-link-created">
          <Alert color="yellow" variant="light">
            {t("onboarding.portal.shownOnce")}
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              value={url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="portal-link-url"
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button
                  color={copied ? "teal" : "blue"}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                  data-testid="portal-link-copy"
                >
                  {copied ? t("common.copied") : t("common.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="portal-link-done">
              {t("common.done")}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("onboarding.portal.createHint")}
          </Text>
          <TextInput
            label={t("onboarding.portal.label")}
            placeholder={t("onboarding.portal.labelPlaceholder")}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            data-testid="portal-link-label"
          />
          <DaysInput
            label={t("onboarding.portal.days")}
            min={1}
            max={730}
            value={days}
            onChange={setDays}
            w={200}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              loading={create.isPending}
              data-testid="portal-link-submit"
              onClick={() =>
                create.mutate(
                  {
                    ...(label.trim() ? { label: label.trim() } : {}),
                    expiresInDays: Number(days) || defaultDays,
                  },
                  { onSuccess: (created) => setUrl(created.url) },
                )
              }
            >
              {t("onboarding.portal.create")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
