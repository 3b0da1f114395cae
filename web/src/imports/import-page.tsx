import { Anchor, Card, FileInput, Group, SegmentedControl, Stack, Stepper, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconFileSpreadsheet } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canEditAccounts, useMe } from "../auth/me-query";
import { ImportMappingStep } from "./import-mapping-step";
import { ImportResultView } from "./import-result";
import {
  type ImportKind,
  type ImportPreview,
  type ImportResult,
  importKinds,
  type Mapping,
  usePreviewImport,
  useRunImport,
} from "./imports-api";

const stepKeys = ["imports.stepFile", "imports.stepMapping", "imports.stepResult"] as const;

export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [kind, setKind] = useState<ImportKind>("accounts");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [rememberAs, setRememberAs] = useState("");
  const [result, setResult] = useState<ImportResult | null>(null);
  const read = usePreviewImport();
  const run = useRunImport();
  const step = result ? 2 : preview ? 1 : 0;

  const choose = (f: File | null) => {
    setFile(f);
    if (!f) return;
    read.mutate(
      { kind, file: f },
      {
        onSuccess: (p) => {
          setPreview(p);
          setMapping(Object.fromEntries(p.columns.map((c) => [c, p.suggestedMapping[c] ?? "ignore"])));
        },
      },
    );
  };
  const reset = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setRememberAs("");
  };

  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to="/accounts" size="sm" c="dimmed" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("accounts.title")}
        </Group>
      </Anchor>
      <div>
        <Title order={1} size="h2">
          {t("imports.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("imports.subtitle")}
        </Text>
      </div>
      {!canEditAccounts(me) ? (
        <Text c="dimmed">{t("imports.notAllowed")}</Text>
      ) : (
        <>
          <Text hiddenFrom="sm" size="sm" fw={600} mb={-8}>
            {t("imports.stepOf", { n: step + 1, label: t(stepKeys[step] ?? "imports.stepFile") })}
          </Text>
          <Stepper
            active={step}
            size="sm"
            allowNextStepsSelect={false}
            onStepClick={(s) => s === 0 && reset()}
          >
            <Stepper.Step
              label={
                <Text visibleFrom="sm" size="sm" fw={500}>
                  {t("imports.stepFile")}
                </Text>
              }
            >
              <Card withBorder radius="md" padding="lg" mt="md">
                <Stack gap="md">
                  <div>
                    <Text size="sm" fw={500} mb={4}>
                      {t("imports.kind")}
                    </Text>
                    <SegmentedControl
                      value={kind}
                      onChange={(v) => setKind(v as ImportKind)}
                      data={importKinds.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
                      data-testid="import-kind"
                    />
                  </div>
                  <FileInput
                    label={t("imports.file")}
                    description={t("imports.fileHint")}
                    placeholder={t("imports.filePlaceholder")}
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    leftSection={<IconFileSpreadsheet size={16} />}
                    value={file}
                    onChange={choose}
                    clearable
                    disabled={read.isPending}
                    data-testid="import-file"
                  />
                  {read.isPending && (
                    <Text size="sm" c="dimmed">
                      {t("imports.reading")}
                    </Text>
                  )}
                </Stack>
              </Card>
            </Stepper.Step>
            <Stepper.Step
              label={
                <Text visibleFrom="sm" size="sm" fw={500}>
                  {t("imports.stepMapping")}
                </Text>
              }
            >
              {preview && file && (
                <Stack mt="md">
                  <ImportMappingStep
                    kind={kind}
                    fileName={file.name}
                    preview={preview}
                    mapping={mapping}
                    onMappingChange={setMapping}
                    rememberAs={rememberAs}
                    onRememberAsChange={setRememberAs}
                    onBack={reset}
                    importing={run.isPending}
                    onImport={() =>
                      run.mutate(
                        { kind, file, mapping, saveMappingAs: rememberAs.trim() || undefined },
                        { onSuccess: setResult },
                      )
                    }
                  />
                </Stack>
              )}
            </Stepper.Step>
            <Stepper.Step
              label={
                <Text visibleFrom="sm" size="sm" fw={500}>
                  {t("imports.stepResult")}
                </Text>
              }
            >
              {result && (
                <Stack mt="md">
                  <ImportResultView result={result} onAgain={reset} />
                </Stack>
              )}
            </Stepper.Step>
          </Stepper>
        </>
      )}
    </Stack>
  );
}
