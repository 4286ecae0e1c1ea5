import { FIELD_NAMES } from "../../search/fields.js";

/** The query syntax cheat sheet under the search box (the full page is docs/query-language.md). */
const EXAMPLES: [string, string][] = [
  ["qadhafi succession", "both words, in the subject or the body"],
  ['"human rights" libya', "a phrase and a word"],
  ["berber*", "words starting with berber"],
  ["libya OR tunisia", "either word"],
  ["libya -tag:PGOV", "without the TAG PGOV"],
  ["NEAR(kusa helm, 5)", "words within 5 words of each other"],
  ["subject:berber created:2008..2009", "a subject word, created in 2008 or 2009"],
  ["tag:PGOV origin:tripoli classification:S//NF", "metadata fields"],
  ["has:protect", "cables with PROTECT markers (also refs, missing, summary, comment)"],
  ["cites:08TRIPOLI494", "cables whose REF list names that cable"],
  ["signer:cretz classifiedby:stevens reason:1.4(d)", "signature, classifier, reason"],
  ["09TRIPOLI208", "that cable; 09TRIPOLI2 suggests ids"],
];

export function QueryHelp() {
  return (
    <details class="help">
      <summary>Query syntax</summary>
      <table>
        <tbody>
          {EXAMPLES.map(([q, meaning]) => (
            <tr>
              <td>
                <code>{q}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Operators AND, OR, NOT are upper case; fields: {FIELD_NAMES.join(", ")}.</p>
    </details>
  );
}
