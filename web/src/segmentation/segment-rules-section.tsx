import { Alert, Button, Card, Group, Select, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconDeviceFloppy, IconEye, IconInfoCircle, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyError, notifySuccess } from "../platform/notify";
import { normalizeCondition } from "./condition-editor";
import { describeErrorPath, errorsByPath } from "./rule-errors";
import { SegmentDefinitionsEditor } from "./segment-definitions-editor";
import { pickLabel } from "./segment-labels";
import { SegmentPreview } from "./segment-preview";
import { SegmentRuleCard } from "./segment-rule-card";
import { SegmentRuleVersions } from "./segment-rule-versions";
import {
  type ChangeSummary,
  type SegmentRuleSet,
  segmentRulesQuery,
  usePreviewSegmentRules,
  useSaveSegmentRules,
} from "./segmentation-api";

/** The candidate as the API takes it (numbers where numbers belong). */
function normalize(set: SegmentRuleSet): SegmentRuleSet {
  return {
    ...set,
    segments: set.segments?.map((s) => ({
      key: s.key.trim(),
      label: { ja: s.label.ja.trim(), en: s.label.en.trim() },
    })),
    rules: set.rules.map((r) => ({ segment: r.segment, conditions: r.conditions.map(normalizeCondition) })),
  };
}

export function SegmentRulesSection({ editable }: { editable: boolean }) {
  const rules = useQuery(segmentRulesQuery);
  if (!rules.data) return <Skeleton height={480} radius="md" />;
  return (
    <SegmentRulesEditor
      key={rules.data.version}
      initial={rules.data.definition}
      version={rules.data.version}
      editable={editable}
    />
  );
}

function SegmentRulesEditor({
  initial,
  version,
  editable,
}: {
  initial: SegmentRuleSet;
  version: number;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const [draft, setDraft] = useState<SegmentRuleSet>(() => structuredClone(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{
    summary: ChangeSummary;
    warnings?: string[];
    saved: boolean;
  } | null>(null);
  const preview = usePreviewSegmentRules();
  const save = useSaveSegmentRules();
  const readOnly = !editable;
  const previewRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) previewRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [result]);

  const segmentKeys = draft.segments?.map((s) => s.key).filter(Boolean) ?? [
    ...new Set([...draft.rules.map((r) => r.segment), draft.fallback]),
  ];
  const segmentOptions = segmentKeys.map((k) => ({
    value: k,
    label: pickLabel(draft.segments?.find((s) => s.key === k)?.label, lang) || k,
  }));

  const change = (next: SegmentRuleSet) => {
    setDraft(next);
    setResult(null);
  };
  const onError = (error: unknown) => {
    const byPath = errorsByPath(error);
    if (byPath) setErrors(byPath);
    else notifyError(error);
  };
  const runPreview = () => {
    setErrors({});
    const candidate = normalize(draft);
    preview.mutate(candidate, {
      onSuccess: (p) => setResult({ summary: p, warnings: p.warnings, saved: false }),
      onError,
    });
  };
  const runSave = () => {
    setErrors({});
    // mutateAsync: saving re-mounts the editor with the new version, so per-call callbacks would be lost.
    save.mutateAsync(normalize(draft)).then(
      (r) =>
        notifySuccess(
          t("rules.saved", {
            version: r.rules.version,
            segments: r.summary.segmentChanges,
            models: r.summary.touchModelChanges,
          }),
        ),
      onError,
    );
  };
  const move = (i: number, delta: -1 | 1) => {
    const rules = [...draft.rules];
    const [r] = rules.splice(i, 1);
    if (r) rules.splice(i + delta, 0, r);
    change({ ...draft, rules });
  };
  const errorCount = Object.keys(errors).length;

  return (
    <Stack gap="md" data-testid="segment-rules">
      <Text size="sm" c="dimmed">
        {t("rules.description")}
      </Text>
      {readOnly && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          {t("settings.readOnly")}
        </Alert>
      )}
      {draft.segments && (
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("rules.segmentsTitle")}
          </Title>
          <SegmentDefinitionsEditor
            segments={draft.segments}
            readOnly={readOnly}
            errors={errors}
            onChange={(segments) => change({ ...draft, segments })}
          />
        </Card>
      )}
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={2} size="h4">
              {t("rules.rulesTitle")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("rules.rulesHint")}
            </Text>
          </div>
          <Text size="xs" c="dimmed">
            {t("rules.currentVersion", { version })}
          </Text>
        </Group>
        <Stack gap="sm">
          {draft.rules.map((rule, i) => (
            <SegmentRuleCard
              // biome-ignore lint/suspicious/noArrayIndexKey: rules are ordered and edited in place
              key={i}
              rule={rule}
              index={i}
              count={draft.rules.length}
              segments={segmentOptions}
              readOnly={readOnly}
              errors={errors}
              onChange={(next) =>
                change({ ...draft, rules: draft.rules.map((r, k) => (k === i ? next : r)) })
              }
              onMove={(d) => move(i, d)}
              onRemove={() => change({ ...draft, rules: draft.rules.filter((_, k) => k !== i) })}
            />
          ))}
          {!readOnly && (
            <Button
              variant="light"
              w="fit-content"
              leftSection={<IconPlus size={16} />}
              data-testid="rule-add"
              onClick={() =>
                change({
                  ...draft,
                  rules: [
                    ...draft.rules,
                    {
                      segment: segmentKeys[0] ?? draft.fallback,
                      conditions: [{ field: "employees", op: "gte", value: "" }],
                    },
                  ],
                })
              }
            >
              {t("rules.addRule")}
            </Button>
          )}
          <Card withBorder radius="md" padding="md" bg="gray.0">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {t("rules.fallback")}
              </Text>
              <Select
                aria-label={t("rules.fallback")}
                size="sm"
                w={240}
                readOnly={readOnly}
                allowDeselect={false}
                data={segmentOptions}
                value={draft.fallback}
                error={errors.fallback}
                onChange={(v) => v && change({ ...draft, fallback: v })}
                comboboxProps={{ withinPortal: true }}
                data-testid="rules-fallback"
              />
            </Group>
          </Card>
        </Stack>
      </Card>
      {errorCount > 0 && (
        <Alert color="red" variant="light" title={t("rules.invalid")} data-testid="rules-errors">
          <Stack gap={2}>
            {Object.entries(errors).map(([path, message]) => (
              <Text size="sm" key={path}>
                {describeErrorPath(path, t)}: {message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {editable && (
        <Group
          justify="flex-end"
          gap="xs"
          wrap="nowrap"
          pos="sticky"
          bottom={0}
          py="sm"
          bg="gray.0"
          style={{ zIndex: 2 }}
        >
          <Button
            size="sm"
            variant="default"
            leftSection={<IconEye size={16} />}
            onClick={runPreview}
            loading={preview.isPending}
            data-testid="rules-preview"
          >
            {t("rules.preview")}
          </Button>
          <Button
            size="sm"
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={runSave}
            loading={save.isPending}
            disabled={!result}
            data-testid="rules-save"
            title={result ? undefined : t("rules.previewFirst")}
          >
            {t("rules.save")}
          </Button>
        </Group>
      )}
      <div ref={previewRef} style={{ scrollMarginTop: 72 }} />
      {result && (
        <SegmentPreview
          summary={result.summary}
          warnings={result.warnings}
          candidate={draft}
          saved={result.saved}
        />
      )}
      <SegmentRuleVersions />
    </Stack>
  );
}
