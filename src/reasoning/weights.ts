/**
 * The weights of "the fit" (tailoring), in one place, each with its source.
 *
 * Where a meta-analysis of matching therapy to a client factor exists, the weight IS its effect size (Cohen's d):
 * a rule backed by a larger matching effect moves the score more. Where the literature offers no meta-analysis
 * the weight is small and the reason is marked EXPERT_OPINION. The effect sizes themselves live in the graph,
 * on the ClientFactor nodes (seed/vocabulary/client-factors.yaml), and every reason returns the one it rests
 * on; test/reasoning.int.test.ts checks that a reason's weight equals the effect size it returns from the graph.
 */
export const WEIGHTS = {
  /**
   * Krebs, Norcross, Nicholson & Prochaska (2018): stage of change and outcome, d = .41 (76 studies). A technique
   * that suits the client's stage gains the full weight; one that does not loses half of it per stage of distance
   * (Prochaska & Norcross 2018: mismatching processes to stages, e.g. action work for precontemplators, backfires).
   */
  stageOfChange: { weight: 0.41, clientFactor: 'client-stage-of-change', evidence: 'META_ANALYSIS' },
  /** Per stage between the client's stage and the nearest stage the technique suits, as a share of stageOfChange. */
  stageDistancePenalty: { weight: 0.5 },
  /**
   * Addresses a target that is the focus of the client's stage (ambivalence in precontemplation and contemplation,
   * relapse risk in maintenance: Prochaska & Norcross 2018; Marlatt & Gordon 1985). Same size as the stage rule.
   */
  stageFocus: { weight: 0.41, clientFactor: 'client-stage-of-change', evidence: 'THEORETICAL' },
  /**
   * Indicated under a risk flag of the profile: safety comes first (Herman 1992; Cloitre et al. 2011). Indicated
   * techniques rank in the first tier whatever their score; the weight only orders reasons for display.
   */
  riskIndication: { weight: 1, sources: ['herman-1992', 'cloitre-2011'], evidence: 'CONSENSUS' },
  /**
   * Addresses a target of the profile: techniques are chosen for the problem first and adapted to the person second
   * (Lazarus 1981; Beutler & Clarkin 1990). Second tier, above profile matching.
   */
  target: { weight: 0.5, sources: ['lazarus-1981', 'beutler-1990'], evidence: 'THEORETICAL' },
  /**
   * Addresses a target the profile implies (a target's profile condition, e.g. high emotional reactivity implies
   * emotion dysregulation): matching, not a stated target, so it stays in its tier. No meta-analysis: expert opinion.
   */
  impliedTarget: { weight: 0.2, evidence: 'EXPERT_OPINION' },
  /**
   * Made for the requested format (delivered in it and not individually): group and family procedures use the
   * format's own therapeutic factors (Yalom & Leszcz 2005; Minuchin 1974). Expert opinion.
   */
  formatNative: { weight: 0.2, sources: ['yalom-2005', 'minuchin-1974'], evidence: 'EXPERT_OPINION' },
  /** Beutler, Edwards & Someah (2018): matching directiveness to reactance, d = .79 (13 studies). */
  reactance: { weight: 0.79, clientFactor: 'client-reactance', evidence: 'META_ANALYSIS' },
  /** Beutler, Kimpara, Edwards & Miller (2018): matching insight vs symptom/skill focus to coping style, d = .60. */
  copingStyle: { weight: 0.6, clientFactor: 'client-coping-style', evidence: 'META_ANALYSIS' },
  /** No meta-analysis of matching; insight-oriented work presumes the capacity (expert opinion). */
  psychologicalMindedness: { weight: 0.2, clientFactor: 'client-psychological-mindedness', evidence: 'EXPERT_OPINION' },
  /** No meta-analysis of matching; intense work before regulation skills risks overwhelm (Linehan 1993; expert opinion). */
  emotionalReactivity: { weight: 0.2, clientFactor: 'client-emotional-reactivity', evidence: 'EXPERT_OPINION' },
  /** Attachment style predicts outcome (Levy et al. 2018) but no matching meta-analysis exists: expert opinion. */
  relationalStyle: { weight: 0.2, clientFactor: 'client-relational-style', evidence: 'EXPERT_OPINION' },
  /** Kept tiny on purpose: Pashler et al. (2008) found no good evidence for matching to learning styles. */
  learningStyle: { weight: 0.05, clientFactor: 'client-learning-style', evidence: 'EXPERT_OPINION' },
  /** Stabilisation first when risk is present (Herman 1992; Cloitre et al. 2011, expert consensus). */
  riskStabilization: { weight: 0.3, sources: ['herman-1992', 'cloitre-2011'], evidence: 'CONSENSUS' },
  /** A technique the base model already uses fits the base's rationale (coherence; Messer 1992). */
  baseNative: { weight: 0.3, sources: ['messer-1992'], evidence: 'THEORETICAL' },
  /** A curated re-reading into the base (assimilative integration; Stricker & Gold 1996). */
  baseAssimilated: { weight: 0.2, sources: ['stricker-1996'], evidence: 'THEORETICAL' },
  /** Each CAUTION that applies to the profile lowers the score. */
  caution: { weight: -0.3 },
  /** Evidence level breaks ties only: it adds nothing to the score (EXPERT_OPINION 0 ... META_ANALYSIS 5). */
  evidencePerLevel: { weight: 0 },
} as const;
