// A readable reference of the REST API, rendered on the server from the same OpenAPI document GET
// /api/openapi.json serves (generated from the model's zod schemas): operations, parameters, bodies, answers.
import { buildOpenApiDocument } from "@frontline/model/openapi";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Frontline — API reference" };

// biome-ignore lint/suspicious/noExplicitAny: walking a plain JSON document
type Json = any;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const refName = (schema: Json): string | null =>
  typeof schema?.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : null;

/** A one-line summary of a JSON Schema: type, enum, format, pattern, bounds. */
function describeSchema(schema: Json): string {
  if (!schema) return "";
  const ref = refName(schema);
  if (ref) return ref;
  if (schema.enum) return schema.enum.map((v: unknown) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf || schema.oneOf) return (schema.anyOf ?? schema.oneOf).map(describeSchema).join(" | ");
  const parts = [Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any")];
  if (schema.type === "array" && schema.items) parts[0] = `${describeSchema(schema.items)}[]`;
  if (schema.format) parts.push(`format ${schema.format}`);
  if (schema.pattern) parts.push(`pattern ${schema.pattern}`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) parts.push(`≤ ${schema.maxLength} chars`);
  return parts.join(", ");
}

function SchemaBlock({ schema }: { schema: Json }) {
  const ref = refName(schema);
  return ref ? <a href={`#schema-${ref}`}>{ref}</a> : <pre className="schema">{JSON.stringify(schema, null, 2)}</pre>;
}

export default function ApiDocsPage() {
  const doc: Json = buildOpenApiDocument();
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((method) => ({ path, method, op: (item as Json)[method] })),
  );
  return (
    <main>
      <header className="page-header">
        <h1>{doc.info.title}</h1>
        <p className="muted">
          Version {doc.info.version} · OpenAPI {doc.openapi} · machine-readable:{" "}
          <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
        <p>{doc.info.description}</p>
      </header>
      <div className="main-column">
        <nav className="card" aria-labelledby="toc-heading">
          <h2 id="toc-heading">Operations</h2>
          <ul>
            {operations.map(({ path, method, op }) => (
              <li key={op.operationId}>
                <a href={`#op-${op.operationId}`}>
                  <span className="method">{method.toUpperCase()}</span> {path}
                </a>{" "}
                — {op.summary}
              </li>
            ))}
          </ul>
        </nav>
        {operations.map(({ path, method, op }) => (
          <section
            key={op.operationId}
            className="card"
            id={`op-${op.operationId}`}
            aria-labelledby={`h-${op.operationId}`}
          >
            <h2 id={`h-${op.operationId}`}>
              <span className="method">{method.toUpperCase()}</span> <code>{path}</code>
            </h2>
            <p>
              <strong>{op.summary}</strong> <span className="muted">({op.operationId})</span>
            </p>
            {op.description && <p>{op.description}</p>}
            {op.parameters?.length > 0 && (
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">Parameters of {op.operationId}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Parameter</th>
                      <th scope="col">In</th>
                      <th scope="col">Required</th>
                      <th scope="col">Schema</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p: Json) => (
                      <tr key={`${p.in}-${p.name}`}>
                        <th scope="row">
                          <code>{p.name}</code>
                        </th>
                        <td>{p.in}</td>
                        <td>{p.required ? "yes" : "no"}</td>
                        <td>
                          <code>{describeSchema(p.schema)}</code>
                        </td>
                        <td>{p.description ?? p.schema?.description ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {op.requestBody && (
              <div className="api-op">
                <h3>Request body{op.requestBody.required ? " (required)" : ""}</h3>
                {Object.entries(op.requestBody.content ?? {}).map(([type, media]) => (
                  <div key={type}>
                    <code>{type}</code>: <SchemaBlock schema={(media as Json).schema} />
                  </div>
                ))}
              </div>
            )}
            <div className="api-op">
              <h3>Responses</h3>
              <dl>
                {Object.entries(op.responses ?? {}).map(([status, response]) => (
                  <div key={status}>
                    <dt>
                      <strong>{status}</strong> — {(response as Json).description}
                    </dt>
                    {Object.entries((response as Json).content ?? {}).map(([type, media]) => (
                      <dd key={type}>
                        <code>{type}</code>: <SchemaBlock schema={(media as Json).schema} />
                      </dd>
                    ))}
                  </div>
                ))}
              </dl>
            </div>
          </section>
        ))}
        <section className="card" aria-labelledby="schemas-heading">
          <h2 id="schemas-heading">Schemas</h2>
          {Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => (
            <details key={name} id={`schema-${name}`}>
              <summary>
                <code>{name}</code>
              </summary>
              <pre className="schema">{JSON.stringify(schema, null, 2)}</pre>
            </details>
          ))}
        </section>
      </div>
    </main>
  );
}
