package prefloop.generator.prompt;

/** Which prompt source a prompt was drawn from (a metrics tag). */
public enum PromptOrigin {
  BUILTIN,
  FILE,
  TOPIC,
  HTTP
}
