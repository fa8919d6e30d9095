/** A formula shaped like content/formula.yml dumped by the generator (model_dump(mode="json")). */
export const FORMULA = {
  title: "Relationship calculator",
  intro: "Score one person.",
  quote: { text: "(what's in it for me + what's in it for you) X (trust through knowing you) = relationship", source: "s" },
  sources: ["s"],
  components: [
    { id: "for_me", role: "exchange", label: "What's in it for me", question: "Q1", low: "nothing", high: "a lot", min: 0, max: 5, principles: ["have-a-point"] },
    { id: "for_you", role: "exchange", label: "What's in it for you", question: "Q2", low: "nothing", high: "a lot", min: 0, max: 5, principles: ["give-first", "have-a-point"] },
    { id: "trust", role: "trust", label: "Trust through knowing you", question: "Q3", low: "strangers", high: "close", min: 0, max: 5, principles: ["fortify", "missing-page"] },
  ],
  bands: [
    { id: "no-exchange", label: "Nothing to build on", meaning: "M0", result: { min: null, max: null }, exchange: { min: null, max: 0 }, trust: { min: null, max: null } },
    { id: "contact", label: "A contact", meaning: "M1", result: { min: null, max: null }, exchange: { min: null, max: null }, trust: { min: null, max: 1 } },
    { id: "growing", label: "A relationship in the making", meaning: "M2", result: { min: null, max: 24 }, exchange: { min: null, max: null }, trust: { min: null, max: null } },
    { id: "relationship", label: "A relationship", meaning: "M3", result: { min: 25, max: null }, exchange: { min: null, max: null }, trust: { min: null, max: null } },
  ],
};

export const PRINCIPLES = {
  "have-a-point": { title: "Have a point", url: "../../principles/have-a-point/" },
  "give-first": { title: "Give first", url: "../../principles/give-first/" },
  fortify: { title: "Fortify your network", url: "../../principles/fortify/" },
};
