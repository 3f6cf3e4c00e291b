/**
 * A labelled retrieval set over the seed graph (graph/seed/motivgraph.json): each query paraphrases one node and
 * shares no content word with that node's name (checked by `sharedContentWords`, and in
 * seed-paraphrases.test.ts). `npm run bench:local` reports recall@5 for lexical, vector and hybrid search.
 * The set is split by position (`paraphraseHalf`): search constants (graph/rank-fusion.ts) are chosen on the
 * even-numbered queries only, and the odd-numbered ones are the held-out check.
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
    query: 'little mathematical grasp of how denoising generators converge',
    target: 'Limited theoretical understanding of diffusion models',
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
    target: 'Spatiotemporal relation errors in generated robot plans',
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
    target: 'High computational cost of long inputs',
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
    query: 'few good labelled examples and explanations to learn from',
    target: 'Scarce high-quality supervision for model training',
  },
  {
    query: 'AI goals that conflict with what people want',
    target: 'Model objectives misaligned with user needs',
  },
  {
    query: 'strategic interaction between bots that understand cause and effect',
    target: 'Game theory for causally reasoning agents',
  },
  {
    query: 'compact vision-text networks that think through problems',
    target: 'Multimodal reasoning in small models',
  },
  // Added with issue 12's held-out split (written before any of them was searched): the odd-numbered half of
  // the whole list is never used to choose a constant.
  {
    query: "stronger tutors' worked solutions do not suit the smaller learner network",
    target: 'Poor fit of teacher trajectories to student models',
  },
  {
    query: 'a trained component that decides how past episodes get stored as layered generalisations',
    target: 'Learned memory manager organising experience into abstraction hierarchies',
  },
  {
    query: 'steering hidden activations only at the start of a solution so mistakes do not snowball',
    target: 'Restraining early-prefix representation interventions to limit error accumulation',
  },
  {
    query: 'splitting lookup jobs into smaller scored pieces and giving clues where attempts went wrong',
    target: 'Decomposing search tasks into rewarded subproblems with failure-guided hints',
  },
  {
    query: 'a frozen checker cannot keep up when an agent improves itself on its own outputs',
    target: 'Limited reward model verification in self-training loops',
  },
  {
    query: 'RL can only reweight answers the pretrained network already produces',
    target: 'Reasoning gains bounded by base model output distribution',
  },
  {
    query: 'bots collecting many facts at once across a broad range of sources',
    target: 'Wide-coverage parallel information gathering by agents',
  },
  {
    query: 'test suites for checking intermediate solution stages miss varied styles of thinking',
    target: 'Benchmarks ignoring diverse reasoning patterns in step verification',
  },
  {
    query: 'writing draft findings for lung X-ray scans by machine',
    target: 'Automatic chest radiograph report generation',
  },
  {
    query: 'a pluggable library that picks suitable explanation techniques for each kind of data',
    target: 'Extensible toolkit automatically matching inputs to applicable interpretation methods',
  },
  {
    query: 'hand-labelled clip test where clues lie far apart in time among misleading moments',
    target: 'Evaluating video models with long-range multi-frame evidence questions',
  },
  {
    query: 'curious agents getting hooked on random noise they can never predict',
    target: 'Distraction by uncontrollable stochastic elements during exploration',
  },
  {
    query: 'making chatbots produce replies people like better',
    target: 'Aligning language models with human preferences',
  },
  {
    query: 'teaching image operations as parts of a thought process, rewarding each stage',
    target: 'Training visual actions as rationale steps with step-level credit',
  },
  {
    query: 'assistants that step in unprompted cannot weigh helpfulness against cost',
    target: 'Uncontrolled benefit-burden trade-off in proactive intervention',
  },
  {
    query: 'learning to choose the best group of items out of a larger pool with deep nets',
    target: 'Neural subset selection',
  },
  {
    query: 'giving credit when the explanation points out the useful facts among irrelevant text',
    target: 'Rewarding rationales that identify the helpful information within noise',
  },
  {
    query: 'training scoring networks with RL so they deliberate at length before judging',
    target: 'Reinforcement fine-tuning reward models to reason in long chains',
  },
  {
    query: 'poor explanations written first spoil the later answer in image-text pipelines',
    target: 'Low-quality rationales in two-stage multimodal reasoning',
  },
  {
    query: 'hand-picked labels like overthinking restrict finding new thought habits',
    target: 'Human-defined concepts limiting discovery of reasoning behaviours',
  },
  {
    query: 'a predictor that chooses for each prompt if the model should think first or reply directly',
    target: 'Classifier deciding per instruction whether to reason before answering',
  },
  {
    query: 'drafting an outline and critiquing it prior to drawing the picture',
    target: 'Sampling planning and reflection reasoning before committing to an image',
  },
  {
    query: 'autonomous systems that keep lasting recall and combine it with pluggable thinking components',
    target: 'Integrating persistent memory with modular reasoning in agent architectures',
  },
  {
    query: 'scoring networks are expensive to run on every sampled answer',
    target: 'Costly reward models in best-of-n selection',
  },
  {
    query: 'why big language networks pick up new tasks from examples in the prompt',
    target: 'Understanding in-context learning in transformers',
  },
  {
    query: 'studying just one chain of thought gives the wrong picture of which steps matter',
    target: 'Single-sample analysis misjudging causal influence in reasoning traces',
  },
  {
    query: 'automatically writing worked explanations, discarding bad ones and picking the rest with RL',
    target: 'Generating, pruning and policy-gradient selection of machine rationale exemplars',
  },
  {
    query: "scoring each word by how much knowing the solution changes the model's own predictions",
    target: 'Token importance weights from an answer-conditioned policy as self-feedback',
  },
  {
    query: 'learning from one correct answer makes every solution path look alike',
    target: 'Homogeneous reasoning from single ground-truth training signals',
  },
  {
    query: 'what denoising generators are used for and what can be proven about them',
    target: 'Theory and applications of diffusion models',
  },
  {
    query: 'repeated bootstrapping rounds make outputs less varied',
    target: 'Declining exploration across self-improvement iterations',
  },
  {
    query: 'choosing which demonstrations to put in the prompt',
    target: 'Example selection for in-context learning',
  },
  {
    query: 'a designer shaping what each agent observes in turn, tuned by Bellman recursion',
    target: 'Planner-controlled sequential social learning optimised by dynamic programming',
  },
  {
    query: 'filtering out questions solvable blind, ignoring the picture',
    target: 'Dropping samples answerable without the image or with distracted attention',
  },
  {
    query: 'a single scoring rule for generated pictures misses that tastes vary by situation',
    target: 'One-size-fits-all rewards ignoring context-dependent visual preferences',
  },
  {
    query: 'do deliberative LLMs acquire genuinely novel skills or just reuse what the base already had',
    target: 'Unclear whether thinking models learn new reasoning mechanisms',
  },
  {
    query: 'combining several investment approaches to grow money over many years',
    target: 'Ensembling portfolio strategies for long-term wealth',
  },
  {
    query: 'one network that both interprets and creates images and text',
    target: 'Unified models for multimodal understanding and generation',
  },
  {
    query: 'the pupil network shows its errors over several sessions and the tutor supplies custom examples',
    target: 'Interactive multi-round teaching with tailored data and self-reflection learning',
  },
  {
    query: 'training a model to reconsider and rewrite harmful initial answers',
    target: 'Fine-tuning then reinforcing self-reflection that revises unsafe first drafts',
  },
  {
    query: 'extra checkers that review proposed robot action sequences and the programs built from them',
    target: 'Separate reflection modules verifying generated plans and executable code',
  },
  {
    query: 'making chatbots follow a constitution of values',
    target: 'Aligning language models to written principles',
  },
  {
    query: 'a pair of bots, one proposing and one critiquing, improving queries by conversation',
    target: 'Two role agents refining questions through coaching question dialogue',
  },
  {
    query: 'training on harmlessness data hurts problem solving',
    target: 'Degraded reasoning from supervised safety fine-tuning',
  },
  {
    query: 'discouraging needless self-checks and making output size match how hard the question is',
    target: 'Penalising unnecessary reflection steps and length scaled to problem complexity',
  },
  {
    query: 'teaching a student facts it lacks by imitating a better teacher, raising what it can solve',
    target: 'Distilling new knowledge from stronger models to grow capability',
  },
  {
    query: 'a bad opening of a solution dooms the rest of the thought process',
    target: 'Poor early prefixes trapping later reasoning',
  },
  {
    query: 'finding when in a clip a described moment happens',
    target: 'Temporal grounding of language queries in videos',
  },
  {
    query: "statistics of feature maps that make the network's last stages robust to transformations",
    target: 'Orthogonal image moments encoding global invariance in the final layers',
  },
  {
    query:
      'teaching special control markers for reflecting, followed by RL so the model gets better by itself',
    target: 'Format tuning on meta-action tokens then reinforcement learning self-improvement',
  },
  {
    query: 'hand-designed agent pipelines never get more skilled with the utilities they call',
    target: 'Fixed workflows unable to accumulate tool-use expertise',
  },
  {
    query: 'matching 3D forms requires costly per-category rig labels',
    target: 'Domain-specific skeleton annotations needed for shape correspondence',
  },
  {
    query: 'a game where an AI tutor guides pupils through planning, doing and reviewing their study',
    target: 'Gamified environment with language-model scaffolding across learning phases',
  },
  {
    query: 'pooling all attachment pockets of each enzyme into one collection and finding them jointly',
    target: 'Protein-centric multi-site dataset with end-to-end set prediction detector',
  },
  {
    query: 'RL from raw base networks of many sizes and vendors, adjusting output style and hardness',
    target: 'Zero reinforcement learning with per-model format and difficulty control',
  },
  {
    query: 'when a model misinterprets a plot, thinking in words cannot fix it',
    target: 'Text-only reasoning unable to correct visual chart misreadings',
  },
  {
    query: 'stock bots working alone without teamwork between roles',
    target: 'Missing coordination among trading agents',
  },
  {
    query: 'training the sharpening network to also reconstruct the two sensor sub-aperture halves',
    target: 'Multi-task learning predicting dual-pixel views from a blurry image',
  },
  {
    query: 'making LLMs think more accurately across several steps',
    target: 'Improving reasoning of language models',
  },
  {
    query: 'keeping chatbots harmless and reliable under noise',
    target: 'Safety and robustness of language models',
  },
  { query: 'AI helping teachers and pupils in school', target: 'Language model support for education' },
  {
    query: 'imitating reference solutions memorises style and caps performance',
    target: 'Limited generalisation from supervised reasoning fine-tuning',
  },
  {
    query: 'no single explanation accounts for what networks are seen to do',
    target: 'Missing unifying theory for observed model behaviour',
  },
];

/** Even-numbered queries tune search constants; odd-numbered ones are held out. */
export const paraphraseHalf = (index: number): 'tuning' | 'heldOut' =>
  index % 2 === 0 ? 'tuning' : 'heldOut';

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
