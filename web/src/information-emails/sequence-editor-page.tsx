// Edit one information e-mail sequence: who it is for, who receives it, the steps in Japanese and
// English with a preview for a chosen account, turning it on and off, and who is receiving it.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  MultiSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconArrowLeft, IconLock, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { ConfirmModal } from "../onboarding/confirm-modal";
import { ApiError } from "../platform/api";
import { useFormatters } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import { contactRoles, touchModels } from "../platform/types";
import { useSegmentOptions } from "../segmentation/segment-labels";
import { EnrolmentsCard } from "./enrolments-card";
import {
  type Sequence,
  type SequenceInput,
  sequenceQuery,
  useDeleteSequence,
  useSaveSequence,
  useSequenceSwitch,
} from "./information-emails-api";
import { PlaceholdersCard } from "./placeholders-card";
import { StepPreview } from "./step-preview";
import { StepsEditor } from "./steps-editor";

const route = getRouteApi("/app/information-emails/$sequenceId");

const emptySequence: SequenceInput = {
  name: "",
  touchModels: ["tech"],
  segments: [],
  contactRoles: [],
  steps: [],
};

export function InformationSequenceEditorPage() {
  const { t } = useTranslation();
  const { sequenceId } = route.useParams();
  const isNew = sequenceId === "new";
  const source = useQuery({ ...sequenceQuery(sequenceId), enabled: !isNew });
  if (!isNew) {
    if (source.isError) return <Alert color="red">{t("informationEmails.editor.notFound")}</Alert>;
    if (!source.data) return <Skeleton height={480} radius="md" maw={1400} mx="auto" />;
  }
  return (
    <SequenceEditor
      key={sequenceId}
      saved={isNew ? null : (source.data ?? null)}
      initial={source.data ? toInput(source.data) : emptySequence}
    />
  );
}

const toInput = (s: Sequence): SequenceInput => ({
  name: s.name,
  touchModels: s.touchModels,
  segments: s.segments,
  contactRoles: s.contactRoles,
  steps: s.steps.map((x) => ({
    id: x.id,
    dayOffset: x.dayOffset,
    category: x.category,
    subject: x.subject,
    body: x.body,
  })),
});

function SequenceEditor({ saved, initial }: { saved: Sequence | null; initial: SequenceInput }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const me = useMe();
  const navigate = useNavigate();
  const editable = canManageWorkspace(me);
  const segments = useSegmentOptions();
  const save = useSaveSequence(saved?.id ?? null);
  const toggle = useSequenceSwitch();
  const remove = useDeleteSequence();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [previewIndex, setPreviewIndex] = useState(0);
  const form = useForm<SequenceInput>({ initialValues: structuredClone(initial) });
  const v = form.values;

  const submit = (values: SequenceInput) =>
    save.mutate(values, {
      onSuccess: (result) => {
        notifySuccess(t("informationEmails.editor.saved"));
        form.setValues(toInput(result));
        form.resetDirty(toInput(result));
        if (!saved)
          void navigate({ to: "/information-emails/$sequenceId", params: { sequenceId: result.id } });
      },
      onError: (error) => {
        if (!(error instanceof ApiError) || error.code !== "validation_failed" || !error.details.length)
          return notifyError(error);
        for (const detail of error.details)
          form.setFieldError(detail.path.replace(/^body\./, ""), detail.message);
        notifyError(new Error(t("informationEmails.editor.fixFields", { count: error.details.length })));
      },
    });

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Anchor component={Link} to="/information-emails" size="sm" c="dimmed" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("informationEmails.editor.back")}
        </Group>
      </Anchor>
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="information-form">
        <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <Group justify="space-between" align="flex-end">
              <div>
                <Group gap="sm">
                  <Title order={1} size="h2" data-testid="information-title">
                    {v.name || t("informationEmails.editor.untitled")}
                  </Title>
                  {saved && (
                    <Badge
                      variant="light"
                      color={saved.active ? "teal" : "gray"}
                      data-testid="information-status"
                    >
                      {t(`informationEmails.status.${saved.active ? "active" : "paused"}`)}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {saved ? t("informationEmails.editor.editHint") : t("informationEmails.editor.newHint")}
                </Text>
              </div>
              {editable && (
                <Group gap="sm">
                  {saved && (
                    <Button
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={16} />}
                      onClick={() => setConfirmDelete(true)}
                    >
                      {t("informationEmails.editor.delete")}
                    </Button>
                  )}
                  <Button
                    type="submit"
                    loading={save.isPending}
                    disabled={saved !== null && !form.isDirty()}
                    data-testid="information-save"
                  >
                    {t("common.save")}
                  </Button>
                </Group>
              )}
            </Group>
            {!editable && (
              <Alert icon={<IconLock size={16} />} color="gray">
                {t("informationEmails.readOnly")}
              </Alert>
            )}
            {saved && (
              <Card withBorder radius="md" padding="md" data-testid="information-switch-card">
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" c={saved.active ? undefined : "dimmed"}>
                    {saved.active
                      ? t("informationEmails.editor.activeSince", { date: f.dateTime(saved.activatedAt) })
                      : form.isDirty()
                        ? t("informationEmails.editor.saveFirst")
                        : t("informationEmails.editor.pausedState")}
                  </Text>
                  <Switch
                    size="md"
                    checked={saved.active}
                    disabled={!editable || toggle.isPending || (!saved.active && form.isDirty())}
                    label={t(`informationEmails.status.${saved.active ? "active" : "paused"}`)}
                    labelPosition="left"
                    data-testid="information-switch"
                    onChange={(e) =>
                      toggle.mutate(
                        { id: saved.id, on: e.currentTarget.checked },
                        {
                          onSuccess: (s) =>
                            notifySuccess(
                              t(
                                s.active
                                  ? "informationEmails.editor.activated"
                                  : "informationEmails.editor.paused",
                              ),
                            ),
                        },
                      )
                    }
                  />
                </Group>
              </Card>
            )}

            <Card withBorder radius="md" padding="lg">
              <Title order={2} size="h4" mb="sm">
                {t("informationEmails.editor.basics")}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
                <TextInput
                  label={t("informationEmails.editor.name")}
                  required
                  data-testid="information-name"
                  {...form.getInputProps("name")}
                />
                <MultiSelect
                  label={t("informationEmails.editor.touchModels")}
                  placeholder={v.touchModels.length ? undefined : t("informationEmails.anyTouchModel")}
                  data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="information-touch-models"
                  {...form.getInputProps("touchModels")}
                />
                <MultiSelect
                  label={t("informationEmails.editor.segments")}
                  placeholder={v.segments.length ? undefined : t("informationEmails.anySegment")}
                  data={segments}
                  comboboxProps={{ withinPortal: true }}
                  {...form.getInputProps("segments")}
                />
                <MultiSelect
                  label={t("informationEmails.editor.contactRoles")}
                  placeholder={v.contactRoles.length ? undefined : t("informationEmails.editor.allContacts")}
                  data={contactRoles.map((r) => ({ value: r, label: t(`contactRoles.${r}`) }))}
                  comboboxProps={{ withinPortal: true }}
                  {...form.getInputProps("contactRoles")}
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt={6}>
                {t("informationEmails.editor.targetHint")}
              </Text>
            </Card>

            <Grid gap="md" align="flex-start">
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <StepsEditor
                  form={form}
                  editable={editable}
                  saved={saved}
                  previewIndex={previewIndex}
                  onPreview={setPreviewIndex}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <Stack gap="md" style={{ position: "sticky", top: 72 }}>
                  <StepPreview
                    steps={v.steps}
                    index={Math.min(previewIndex, Math.max(v.steps.length - 1, 0))}
                    onIndex={setPreviewIndex}
                    touchModels={v.touchModels}
                    contactRoles={v.contactRoles}
                  />
                  <PlaceholdersCard />
                </Stack>
              </Grid.Col>
            </Grid>
          </Stack>
        </fieldset>
      </form>
      {saved && <EnrolmentsCard sequenceId={saved.id} />}
      {saved && (
        <ConfirmModal
          opened={confirmDelete}
          title={t("informationEmails.editor.delete")}
          body={t("informationEmails.editor.deleteConfirm")}
          confirmLabel={t("informationEmails.editor.delete")}
          loading={remove.isPending}
          onClose={() => setConfirmDelete(false)}
          onConfirm={() =>
            remove.mutate(saved.id, {
              onSuccess: () => {
                notifySuccess(t("informationEmails.editor.deleted"));
                void navigate({ to: "/information-emails" });
              },
            })
          }
        />
      )}
    </Stack>
  );
}
