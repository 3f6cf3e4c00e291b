import type { GraphNode } from '../../../src-main/contract/graph.ts';
import type { FieldSpec, FieldValues } from '../../lib/ui/conflict-merge.ts';
import type { NodeEditPatch } from './graph-state.svelte.ts';

/** The graph node editor's fields as text (aliases one per line), so ConflictDialog can compare them. */
export const EDIT_FIELDS: readonly FieldSpec[] = [
  { key: 'name', label: 'Name', multiline: false },
  { key: 'description', label: 'Description', multiline: true },
  { key: 'aliases', label: 'Aliases', multiline: true },
];

export function formOf(node: GraphNode): FieldValues {
  return { name: node.name, description: node.description, aliases: node.aliases.join('\n') };
}

export function aliasList(text: string): string[] {
  return text
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** Only the fields whose values differ from `against` (the version the save names), in the update's shape. */
export function patchBetween(values: FieldValues, against: FieldValues): NodeEditPatch {
  const patch: NodeEditPatch = {};
  const name = values.name ?? '';
  const description = values.description ?? '';
  if (name !== against.name) patch.name = name;
  if (description !== against.description) patch.description = description;
  const aliases = aliasList(values.aliases ?? '');
  if (JSON.stringify(aliases) !== JSON.stringify(aliasList(against.aliases ?? ''))) patch.aliases = aliases;
  return patch;
}
