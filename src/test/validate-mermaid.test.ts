import { describe, expect, it } from 'vitest';
import { validateMermaid } from './validate-mermaid.js';

describe('validateMermaid', () => {
  it('accepts a flowchart like the digest state-action graph', async () => {
    await expect(
      validateMermaid(`graph LR
  subgraph Lane_A
    A0([Start]) --> A1[Perceive]
    A1 --> A2[React]
  end
  A2 --> AGG[Aggregate Yields]
  AGG --> V{Verify}
  V -->|PASS| D[Digest to User]
  V -.->|FAIL| A1`),
    ).resolves.toBeUndefined();
  });

  it('accepts a class diagram with stereotypes, members and relations', async () => {
    await expect(
      validateMermaid(`classDiagram
  class Agent {
    <<abstract part def>>
    +model : String
  }
  class Observer
  Agent <|-- Observer
  Observer *-- Agent : helper
  Observer --> Agent : port input`),
    ).resolves.toBeUndefined();
  });

  it('accepts a requirement diagram', async () => {
    await expect(
      validateMermaid(`requirementDiagram
  requirement CiteEvidence {
    id: "HFO::Observer::CiteEvidence"
    text: "Every observation cites a file, a line range and a sha256."
  }
  element Observer {
    type: "part def"
  }
  Observer - satisfies -> CiteEvidence`),
    ).resolves.toBeUndefined();
  });

  it.each([
    ['a dangling flowchart edge', 'graph LR\n  A -->'],
    ['a class body with a brace', 'classDiagram\n  class A {\n    +x = {y}\n  }'],
    [
      'an unterminated requirement text',
      'requirementDiagram\n  requirement R {\n    id: 1\n    text: "open\n  }',
    ],
    ['an unknown diagram type', 'notADiagram\n  A --> B'],
    ['an empty text', '  \n'],
  ])('rejects %s with mermaid’s message', async (_label, text) => {
    await expect(validateMermaid(text)).rejects.toThrow(/invalid mermaid: \S/);
  });

  it('names the line of a parse error', async () => {
    await expect(validateMermaid('classDiagram\n  A <|-- ')).rejects.toThrow(/line 2/);
  });
});
