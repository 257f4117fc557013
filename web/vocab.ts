/**
 * The SDL enums the explorer offers as choices or colours by (schema/*.graphql). Spelled out here because the
 * browser code cannot read the SDL; test/explorer.browser.test.ts checks every list against the schema.
 */
import { RISK_FLAGS } from '../src/seed/kinds.js';

export { RISK_FLAGS };

export const ORIENTATIONS = ['PSYCHODYNAMIC', 'BEHAVIORAL', 'COGNITIVE', 'HUMANISTIC', 'EXISTENTIAL', 'SYSTEMIC', 'CONSTRUCTIVIST', 'INTEGRATIVE'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];
export const MODEL_KINDS = ['SCHOOL', 'INTEGRATIVE', 'SPECIFIC'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const LEVELS = ['LOW', 'MODERATE', 'HIGH'] as const;
export const STAGES = ['PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE'] as const;
export const COPING_STYLES = ['INTERNALIZING', 'EXTERNALIZING'] as const;
export const RELATIONAL_STYLES = ['SECURE', 'ANXIOUS', 'AVOIDANT', 'DISORGANIZED'] as const;
export const LEARNING_STYLES = ['EXPERIENTIAL', 'COGNITIVE', 'BEHAVIORAL'] as const;
export const FORMATS = ['INDIVIDUAL', 'COUPLE', 'FAMILY', 'GROUP'] as const;
export const CONFLICT_KINDS = ['MECHANISM_CONTRADICTS_TENET', 'PRESUPPOSITION_CONTRADICTS_TENET', 'STANCE_CONTRADICTS_TENET'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const FIT_TIERS = ['INDICATED', 'TARGETED', 'MATCHED'] as const;
export type FitTier = (typeof FIT_TIERS)[number];
export const OVERLAP_DIMENSIONS = ['TECHNIQUES', 'MECHANISMS', 'MODALITIES', 'TENETS', 'COMMON_FACTORS'] as const;

/** The enum each list spells, for the check against the SDL. */
export const ENUM_LISTS: Record<string, readonly string[]> = {
  Orientation: ORIENTATIONS,
  ModelKind: MODEL_KINDS,
  Level: LEVELS,
  StageOfChangeValue: STAGES,
  CopingStyle: COPING_STYLES,
  RelationalStyle: RELATIONAL_STYLES,
  LearningStyle: LEARNING_STYLES,
  Format: FORMATS,
  ConflictKind: CONFLICT_KINDS,
  FitTier: FIT_TIERS,
  OverlapDimension: OVERLAP_DIMENSIONS,
  RiskFlag: RISK_FLAGS,
};

/** ENUM_VALUE → "enum value", for labels. */
export const human = (v: string) => v.replace(/_/g, ' ').toLowerCase();
