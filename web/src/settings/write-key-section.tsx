import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Skeleton,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconCheck, IconCopy, IconEye, IconEyeOff, IconRefresh } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../onboarding/confirm-modal";
import { notifySuccess } from "../platform/notify";
import { useRotateWriteKey, writeKeyQuery } from "./settings-api";

export function mask(key: string): string {
  if (key.length <= 8) return "•".repeat(key.length);
  return `${key.slice(0, 4)}${"•".repeat(Math.min(24, key.length - 8))}${key.slice(-4)}`;
}

/** The ingestion write key: shown masked, revealed and copied on demand, rotated by an admin. */
export function WriteKeySection({ canRotate }: { canRotate: boolean }) {
  const { t } = useTranslation();
  const writeKey = useQuery(writeKeyQuery);
  const rotate = useRotateWriteKey();
  const [revealed, setRevealed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const key = writeKey.data?.writeKey ?? "";

  return (
    <Card withBorder radius="md" padding="lg" data-testid="settings-write-key">
      <Title order={2} size="h4">
        {t("settings.writeKey.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("settings.writeKey.description")}
      </Text>
      {writeKey.isPending ? (
        <Skeleton height={36} />
      ) : writeKey.isError ? (
        <Alert color="gray">{writeKey.error.message}</Alert>
      ) : (
        <Group gap="xs" wrap="nowrap">
          <Code
            data-testid="write-key-value"
            style={{
              flex: 1,
              minWidth: 0,
              overflowWrap: "anywhere",
              fontSize: "var(--mantine-font-size-sm)",
            }}
            p="xs"
          >
            {revealed ? key : mask(key)}
          </Code>
          <Tooltip label={revealed ? t("settings.writeKey.hide") : t("settings.writeKey.reveal")}>
            <ActionIcon
              variant="default"
              size={34}
              onClick={() => setRevealed((r) => !r)}
              aria-label={revealed ? t("settings.writeKey.hide") : t("settings.writeKey.reveal")}
              data-testid="write-key-reveal"
            >
              {revealed ? <IconEyeOff size={16} /> : <IconEye size={16} />}
            </ActionIcon>
          </Tooltip>
          <CopyButton value={key}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t("common.copied") : t("common.copy")}>
                <ActionIcon
                  variant="default"
                  size={34}
                  onClick={copy}
                  aria-label={t("common.copy")}
                  color={copied ? "teal" : undefined}
                  data-testid="write-key-copy"
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      )}
      {writeKey.isSuccess && (
        <Group justify="space-between" gap="sm" mt="sm" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {canRotate ? t("events.writeKey.rotateHint") : t("events.writeKey.adminOnly")}
          </Text>
          {canRotate && (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconRefresh size={14} />}
              onClick={() => setConfirming(true)}
              data-testid="write-key-rotate"
              style={{ flexShrink: 0 }}
            >
              {t("events.writeKey.rotate")}
            </Button>
          )}
        </Group>
      )}
      <ConfirmModal
        opened={confirming}
        title={t("events.writeKey.rotateTitle")}
        body={t("events.writeKey.rotateBody")}
        confirmLabel={t("events.writeKey.rotateConfirm")}
        loading={rotate.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              notifySuccess(t("events.writeKey.rotated"));
            },
          })
        }
      />
    </Card>
  );
}
