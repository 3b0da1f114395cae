import { Alert, Badge, Button, Card, Group, Modal, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconArchive, IconInfoCircle, IconPencil, IconPlus, IconRestore } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../platform/notify";
import { pickLabel } from "../segmentation/segment-labels";
import { type HearingTemplate, hearingTemplatesQuery, useArchiveHearingTemplate } from "./hearing-api";
import { HearingTemplateForm } from "./hearing-template-form";

export function HearingTemplatesSection({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const templates = useQuery(hearingTemplatesQuery);
  const archive = useArchiveHearingTemplate();
  const [editing, setEditing] = useState<HearingTemplate | "new" | null>(null);

  return (
    <Stack gap="md" data-testid="hearing-templates">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          {t("templates.description")}
        </Text>
        {editable && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing("new")}
            data-testid="template-new"
          >
            {t("templates.new")}
          </Button>
        )}
      </Group>
      {!editable && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          {t("settings.readOnly")}
        </Alert>
      )}
      {!templates.data ? (
        <Skeleton height={200} radius="md" />
      ) : templates.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("templates.empty")}
        </Text>
      ) : (
        templates.data.items.map((tpl) => (
          <Card
            withBorder
            radius="md"
            padding="lg"
            key={tpl.id}
            data-testid="template-card"
            opacity={tpl.archived ? 0.7 : 1}
          >
            <Group justify="space-between" align="flex-start" mb="xs">
              <Group gap="xs">
                <Title order={2} size="h5">
                  {tpl.name}
                </Title>
                <Badge variant="light" tt="none">
                  {t("templates.questionCount", { count: tpl.questions.length })}
                </Badge>
                {tpl.archived && (
                  <Badge color="gray" variant="light" tt="none">
                    {t("hearing.archived")}
                  </Badge>
                )}
              </Group>
              {editable && (
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconPencil size={14} />}
                    onClick={() => setEditing(tpl)}
                    data-testid="template-edit"
                  >
                    {t("common.edit")}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={tpl.archived ? <IconRestore size={14} /> : <IconArchive size={14} />}
                    loading={archive.isPending && archive.variables?.id === tpl.id}
                    onClick={() =>
                      archive.mutate(
                        { id: tpl.id, archived: !tpl.archived },
                        {
                          onSuccess: () =>
                            notifySuccess(
                              tpl.archived ? t("templates.restored") : t("templates.archivedDone"),
                            ),
                        },
                      )
                    }
                    data-testid={tpl.archived ? "template-restore" : "template-archive"}
                  >
                    {tpl.archived ? t("templates.restore") : t("templates.archive")}
                  </Button>
                </Group>
              )}
            </Group>
            <Stack gap={2}>
              {tpl.questions.map((q, i) => (
                <Text size="sm" key={q.id}>
                  {i + 1}. {pickLabel(q.label, lang)}{" "}
                  <Text span size="xs" c="dimmed">
                    （{t(`templates.types.${q.type}`)}
                    {q.required ? `・${t("templates.required")}` : ""}）
                  </Text>
                </Text>
              ))}
            </Stack>
          </Card>
        ))
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("templates.newTitle") : t("templates.editTitle")}
        size="xl"
        fullScreen={isPhone}
      >
        {editing && (
          <HearingTemplateForm
            template={editing === "new" ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
