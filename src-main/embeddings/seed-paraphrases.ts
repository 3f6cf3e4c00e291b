/**
 * A labelled retrieval set over the seed graph (graph/seed/motivgraph.json): each query paraphrases one node and
 * shares no content word with that node's name (checked by `sharedContentWords`, and in
 * seed-paraphrases.test.ts). `npm run bench:local` reports recall@5 for lexical, vector and hybrid search.
 */
export interface ParaphraseQuery {
  query: string;
  /** The exact name of the seed node the query means. */
  target: string;
}

export const SEED_PARAPHRASES: readonly ParaphraseQuery[] = [
  {
    query: 'teaching compact networks to think like big ones',
    target: 'Distilling reasoning into smaller language models',
  },
  {
    query: 'judging how good a photo looks using vision-text AI',
    target: 'Image quality assessment with multimodal models',
  },
  {
    query: 'remembering past events across extended tasks for LLM assistants',
    target: 'Memory for long-horizon language agents',
  },
  {
    query: 'adapting huge text networks cheaply by training only a few weights',
    target: 'Parameter-efficient fine-tuning of language models',
  },
  {
    query: 'autonomous LLM assistants that browse thoroughly to answer hard questions',
    target: 'Agentic deep search with language models',
  },
  {
    query: 'faster processing of very lengthy prompts by LLMs',
    target: 'Efficient long-context inference for language models',
  },
  {
    query: 'benchmarking step-by-step scorers of chain-of-thought',
    target: 'Evaluating process reward models for reasoning',
  },
  {
    query: 'thinking going round in circles once trained on lengthy traces',
    target: 'Repetitive cyclical reasoning after long-chain fine-tuning',
  },
  {
    query: 'teaching a chatbot when to decline requests using checkable incentive signals',
    target: 'Reinforcement learning of refusal boundaries with verifiable rewards',
  },
  {
    query: 'producing hidden rationales for every word at once to guess what comes next',
    target: 'Generating token-level internal thoughts in parallel to predict future text',
  },
  {
    query: 'explaining answers in natural sentences produced by the model',
    target: 'Reasoning with generated free-text rationales',
  },
  {
    query: 'self-designed sequences of practice worlds of increasing difficulty',
    target: 'Automatic curricula of training environments',
  },
  { query: 'getting chatbots to obey user directions', target: 'Instruction following in language models' },
  {
    query: 'mathematical understanding of why self-taught representation learning on unlabeled data works',
    target: 'Theory of unsupervised pretraining',
  },
  {
    query: 'punishing verbose outputs makes the policy stop trying new things',
    target: 'Exploration collapse from length penalties in efficiency training',
  },
  {
    query: 'chatbots optimising for scores instead of what is actually good for people',
    target: 'Reward maximisation diverging from user welfare in responses',
  },
  {
    query: 'little mathematical understanding of how denoising generators converge',
    target: 'Limited theory of diffusion sampling and statistical rates',
  },
  {
    query: 'a tutor network labels examples once without adapting to where the learner is weak',
    target: 'Static teacher annotations ignoring student deficiencies in distillation',
  },
  {
    query: 'models keep double-checking an already correct solution and burn compute',
    target: 'Confirmatory reflection wasting tokens after a first answer',
  },
  {
    query: 'always fetching documents even when the question does not require them',
    target: 'Indiscriminate retrieval of fixed passages regardless of need',
  },
  {
    query: 'machine action sequences that get timing and locations wrong',
    target: 'Temporal and spatial errors in generated robot plans',
  },
  { query: 'cleaning glass glare out of one photo', target: 'Single image reflection removal' },
  { query: 'keeping thinking LLMs harmless', target: 'Safety alignment of reasoning models' },
  {
    query: 'improving a system using written critiques from people',
    target: 'Learning from natural language feedback',
  },
  {
    query: 'AI that clicks through apps and screens on its own',
    target: 'Graphical user interface automation agents',
  },
  {
    query: 'autonomous programmers fixing issues in actual GitHub projects',
    target: 'Coding agents for real software repositories',
  },
  {
    query: 'bots that navigate internet sites to complete lengthy chores',
    target: 'Autonomous web agents for multistep tasks',
  },
  {
    query: 'finding where small molecules attach on enzymes',
    target: 'Ligand binding site detection in proteins',
  },
  {
    query: 'reading plots and graphs with vision-text AI',
    target: 'Chart understanding with multimodal models',
  },
  {
    query: 'teams of LLM bots buying and selling stocks',
    target: 'Multi-agent financial trading with language models',
  },
  {
    query: 'sharpening out-of-focus photos while ignoring extra camera hardware signals',
    target: 'Unused dual-pixel sensor information in single-image deblurring',
  },
  {
    query: 'thinking LLMs spend too much compute on easy questions and too little on hard ones',
    target: 'Inefficient allocation of reasoning effort in reasoning models',
  },
  {
    query: 'lengthy prompts need lots of RAM and processing',
    target: 'High memory and compute cost of long inputs',
  },
  {
    query: 'helping pupils manage their own study habits',
    target: "Supporting students' self-regulated learning",
  },
  {
    query: 'LLMs solving arithmetic and algebra problems',
    target: 'Mathematical reasoning in language models',
  },
  { query: 'LLMs writing programs', target: 'Code generation with language models' },
  { query: 'making image-text chatbots harmless', target: 'Safety alignment of vision-language models' },
  { query: 'thinking LLMs fixing their own mistakes', target: 'Self-correction in reasoning models' },
  {
    query: 'understanding why a neural network makes its decisions',
    target: 'Interpretability and explanation of learned models',
  },
  {
    query: 'trial-and-error trained policies that transfer to unseen levels',
    target: 'Generalisation in deep reinforcement learning agents',
  },
  {
    query: 'AI applied to biology, physics and healthcare',
    target: 'Machine learning for science and medicine',
  },
  {
    query: 'wasting tokens on needless extra deliberation',
    target: 'Overthinking with redundant steps in long reasoning chains',
  },
  {
    query: 'letting LLMs decide how much to think depending on the difficulty',
    target: 'Adaptive reasoning length for reasoning models',
  },
  {
    query: 'expensive or poor supervision examples and explanations',
    target: 'Costly or low-quality training data and rationales',
  },
  {
    query: 'AI goals that conflict with what people want',
    target: 'Model objectives misaligned with user needs and values',
  },
  {
    query: 'strategic interaction between bots that understand cause and effect',
    target: 'Game theory for causally reasoning agents',
  },
  {
    query: 'compact vision-text networks that think through problems',
    target: 'Multimodal reasoning in small models',
  },
];

const STOPWORDS = new Set(
  'a an and are as at be by do does for from get how in into is it its of on once one ones or out own that the their them they this to too up very what when where which while who why with'.split(
    ' ',
  ),
);

const contentWords = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOPWORDS.has(word));

/**
 * Content words of `query` that match a word of `name` by their first five letters (so "reasoning" meets
 * "reasons", "model" meets "models"): a query must have none for the set to test paraphrase, not wording.
 */
export function sharedContentWords(query: string, name: string): string[] {
  const stems = new Set(contentWords(name).map((word) => word.slice(0, 5)));
  return contentWords(query).filter((word) => stems.has(word.slice(0, 5)));
}
