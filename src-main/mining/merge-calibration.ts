/**
 * Labelled pairs for calibrating the merge threshold of the local MiniLM (mining/README.md, "Merge threshold").
 * Same: two wordings of one motivation node, as two papers' extractions name it (word order, synonyms,
 * abbreviations, a dropped qualifier). Different: distinct nodes of one kind and level of the seed graph, the
 * hardest ones (nearest by cosine, computed from the seed in merge-calibration.test.ts) plus the related-but-distinct
 * pairs below, which a merge must never fold together.
 */
export interface LabelledPair {
  a: string;
  b: string;
}

export const SAME_PAIRS: readonly LabelledPair[] = [
  { a: 'Overthinking in large reasoning models', b: 'Large reasoning models overthink' },
  { a: 'Hallucination in large language models', b: 'LLM hallucinations' },
  { a: 'Parameter-efficient fine-tuning of language models', b: 'Parameter efficient finetuning for LLMs' },
  {
    a: 'Catastrophic forgetting in continual learning',
    b: 'Catastrophic forgetting during continual learning',
  },
  { a: 'High inference cost of large language models', b: 'Expensive inference of large language models' },
  { a: 'Reward hacking in reinforcement learning from human feedback', b: 'Reward hacking in RLHF' },
  { a: 'Long-context retrieval in language models', b: 'Retrieval over long contexts in LLMs' },
  { a: 'Memory for long-horizon language agents', b: 'Long-horizon memory for LLM agents' },
  { a: 'Data contamination in LLM benchmarks', b: 'Benchmark contamination of large language models' },
  {
    a: 'Distilling reasoning into smaller language models',
    b: 'Reasoning distillation into small language models',
  },
  { a: 'Quadratic cost of self-attention', b: 'Quadratic complexity of self-attention' },
  { a: 'Scarcity of labelled training data', b: 'Scarce labeled training data' },
  { a: 'Jailbreak attacks on aligned language models', b: 'Jailbreaking aligned LLMs' },
  { a: 'Mixture-of-experts routing imbalance', b: 'Load imbalance in mixture of experts routing' },
  { a: 'KV cache memory growth in long generation', b: 'Growing KV cache memory during long generation' },
  { a: 'Tool use by language model agents', b: 'LLM agents using tools' },
  { a: 'Sycophancy of chat assistants', b: 'Sycophantic behaviour in chat assistants' },
  { a: 'Evaluating code generation models', b: 'Evaluation of code generation models' },
  {
    a: 'Multilingual transfer in low-resource languages',
    b: 'Cross-lingual transfer to low-resource languages',
  },
  { a: 'Speculative decoding for faster inference', b: 'Faster inference with speculative decoding' },
];

export const DIFFERENT_PAIRS: readonly LabelledPair[] = [
  { a: 'Overthinking in large reasoning models', b: 'Underthinking in large reasoning models' },
  { a: 'Hallucination in large language models', b: 'Hallucination in vision-language models' },
  { a: 'Reward hacking in RLHF', b: 'Reward model overoptimisation in RLHF' },
  { a: 'Speculative decoding for faster inference', b: 'Quantization for faster inference' },
  { a: 'Jailbreak attacks on aligned language models', b: 'Prompt injection attacks on LLM agents' },
  { a: 'Long-context retrieval in language models', b: 'Long-context generation in language models' },
  { a: 'Catastrophic forgetting in continual learning', b: 'Plasticity loss in continual learning' },
  { a: 'Evaluating code generation models', b: 'Evaluating mathematical reasoning models' },
  { a: 'Data contamination in LLM benchmarks', b: 'Saturation of LLM benchmarks' },
  { a: 'KV cache memory growth in long generation', b: 'KV cache compression by token eviction' },
];
