import { describe, expect, it } from "vitest";
import { renderInline, renderMarkdown } from "./markdown";

describe("guidance in Markdown", () => {
  /** Regression: the drawer showed the template's guidance with its raw backticks. */
  it("renders code and emphasis, no raw backticks", () => {
    const html = renderMarkdown("Name it `deploy.example-production.yml`, **exactly**.");
    expect(html).toContain("<code>deploy.example-production.yml</code>");
    expect(html).toContain("<strong>exactly</strong>");
    expect(html).not.toContain("`");
  });

  it("renders a step inline and drops what is no inline mark", () => {
    expect(renderInline("Commit the `.git.docker` file")).toBe("Commit the <code>.git.docker</code> file");
    expect(renderInline("<script>alert(1)</script>Run `a`")).not.toContain("script");
  });
});
