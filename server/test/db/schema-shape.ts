/**
 * The schema drift guard's two sides, in one comparable shape:
 *  - expectedShape(): what Prisma Migrate would create on MySQL for the data model of the GENERATED client
 *    (server/src/db/generated), never a hand-copied list;
 *  - liveShape(): what information_schema says the database has.
 *
 * Prisma 7's generated client exports no DMMF. What it carries at runtime is `runtimeDataModel` (models, fields,
 * kinds, types: no nullability, no attributes), `Prisma.ModelName` / `Prisma.<Model>ScalarFieldEnum`, the enums,
 * and `inlineSchema`, the exact schema text the client was generated from (it hands it to its query compiler).
 * The field list comes from runtimeDataModel; nullability, @id/@unique/@@index, @default, @db.* and @relation
 * come from parsing inlineSchema, and the parse is cross-checked against runtimeDataModel (modelConsistency).
 */
import * as mariadb from "mariadb";
import { createPrisma, Prisma } from "../../src/db/client.ts";
import * as generatedEnums from "../../src/db/generated/enums.ts";
import { connectionConfig, databaseNameFromUrl } from "../../src/db/migrate.ts";

export interface ColumnShape {
  type: string;
  nullable: boolean;
  default: string | null;
  extra: string;
}
export interface IndexShape {
  unique: boolean;
  columns: string[];
}
export interface ForeignKeyShape {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}
export interface TableShape {
  collation: string;
  columns: Record<string, ColumnShape>;
  indexes: Record<string, IndexShape>;
  foreignKeys: Record<string, ForeignKeyShape>;
}
export type DatabaseShape = Record<string, TableShape>;

interface RuntimeField {
  name: string;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  relationName?: string;
}
interface RuntimeDataModel {
  models: Record<string, { fields: RuntimeField[]; dbName: string | null }>;
  enums: Record<string, unknown>;
}

interface Attribute {
  name: string; // "id", "db.VarChar", "@index" (block attributes keep one leading @)
  args: string | null;
}
interface SchemaField {
  name: string;
  type: string;
  list: boolean;
  optional: boolean;
  attributes: Attribute[];
}
interface SchemaModel {
  name: string;
  fields: SchemaField[];
  blockAttributes: Attribute[];
}
interface SchemaEnum {
  name: string;
  values: Array<{ name: string; dbName: string }>;
}

/** The data model baked into the generated client. */
export function generatedClientModel(): { runtimeDataModel: RuntimeDataModel; inlineSchema: string } {
  // Constructing a client does not connect; the URL is never used.
  const client = createPrisma("mysql://root@127.0.0.1:3306/unused") as unknown as {
    _engineConfig?: { inlineSchema?: unknown; runtimeDataModel?: unknown };
    _runtimeDataModel?: unknown;
  };
  const inlineSchema = client._engineConfig?.inlineSchema;
  const runtimeDataModel = client._runtimeDataModel ?? client._engineConfig?.runtimeDataModel;
  if (typeof inlineSchema !== "string" || typeof runtimeDataModel !== "object" || runtimeDataModel === null) {
    throw new Error("The generated Prisma client no longer exposes inlineSchema/runtimeDataModel: update schema-shape.ts");
  }
  return { runtimeDataModel: runtimeDataModel as RuntimeDataModel, inlineSchema };
}

/** Problems between the parsed inlineSchema and the client's runtime model; empty when they agree. */
export function modelConsistency(): string[] {
  const { runtimeDataModel, inlineSchema } = generatedClientModel();
  const { models, enums } = parseSchema(inlineSchema);
  const problems: string[] = [];
  const modelNames = Object.values(Prisma.ModelName).sort();
  if (JSON.stringify(Object.keys(runtimeDataModel.models).sort()) !== JSON.stringify(modelNames)) {
    problems.push(`runtimeDataModel models ${Object.keys(runtimeDataModel.models)} != Prisma.ModelName ${modelNames}`);
  }
  if (JSON.stringify([...models.keys()].sort()) !== JSON.stringify(modelNames)) {
    problems.push(`inlineSchema models ${[...models.keys()]} != Prisma.ModelName ${modelNames}`);
  }
  for (const [name, runtimeModel] of Object.entries(runtimeDataModel.models)) {
    const parsed = models.get(name);
    if (!parsed) continue;
    const runtimeFields = runtimeModel.fields.map((f) => `${f.name}:${f.type}:${f.kind}`);
    const parsedFields = parsed.fields.map(
      (f) => `${f.name}:${f.type}:${models.has(f.type) ? "object" : enums.has(f.type) ? "enum" : "scalar"}`,
    );
    if (JSON.stringify(runtimeFields) !== JSON.stringify(parsedFields)) {
      problems.push(`${name}: runtimeDataModel fields ${runtimeFields} != inlineSchema fields ${parsedFields}`);
    }
    const scalarEnum = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${name}ScalarFieldEnum`];
    const scalarNames = runtimeModel.fields.filter((f) => f.kind !== "object").map((f) => f.name);
    if (!scalarEnum || JSON.stringify(Object.values(scalarEnum)) !== JSON.stringify(scalarNames)) {
      problems.push(`${name}: Prisma.${name}ScalarFieldEnum disagrees with runtimeDataModel (${scalarNames})`);
    }
  }
  for (const [name, parsed] of enums) {
    const generated = (generatedEnums as unknown as Record<string, Record<string, string> | undefined>)[name];
    const generatedValues = generated ? Object.keys(generated) : [];
    if (JSON.stringify(generatedValues) !== JSON.stringify(parsed.values.map((v) => v.name))) {
      problems.push(`enum ${name}: generated ${generatedValues} != inlineSchema ${parsed.values.map((v) => v.name)}`);
    }
  }
  return problems;
}

/** What `prisma migrate` would have created on MySQL for the generated client's data model. */
export function expectedShape(): DatabaseShape {
  const { runtimeDataModel, inlineSchema } = generatedClientModel();
  const { models, enums } = parseSchema(inlineSchema);
  const tableName = (model: string) => {
    const parsed = models.get(model);
    const map = parsed?.blockAttributes.find((a) => a.name === "@map");
    return map ? stringArg(map.args) : (runtimeDataModel.models[model]?.dbName ?? model);
  };
  const columnName = (model: string, field: string) => {
    const f = models.get(model)?.fields.find((x) => x.name === field);
    if (!f) throw new Error(`${model}.${field} is not in the schema`);
    const map = f.attributes.find((a) => a.name === "map");
    return map ? stringArg(map.args) : field;
  };

  const shape: DatabaseShape = {};
  for (const modelName of Object.values(Prisma.ModelName)) {
    const runtimeModel = runtimeDataModel.models[modelName];
    const model = models.get(modelName);
    if (!runtimeModel || !model) throw new Error(`model ${modelName} missing from the generated client`);
    const table = tableName(modelName);
    const t: TableShape = { collation: "utf8mb4_unicode_ci", columns: {}, indexes: {}, foreignKeys: {} };

    // Columns: every scalar and enum field the client knows.
    for (const runtimeField of runtimeModel.fields) {
      if (runtimeField.kind === "object") continue;
      const field = model.fields.find((f) => f.name === runtimeField.name);
      if (!field) throw new Error(`${modelName}.${runtimeField.name} missing from inlineSchema`);
      const enumDef = runtimeField.kind === "enum" ? enums.get(runtimeField.type) : undefined;
      t.columns[columnName(modelName, field.name)] = {
        type: columnType(field, enumDef),
        nullable: field.optional,
        default: columnDefault(field),
        extra: field.attributes.some((a) => a.name === "default" && a.args?.trim() === "autoincrement()")
          ? "auto_increment"
          : "",
      };
    }

    // Primary key, unique constraints and indexes, named as Prisma names them.
    const idFields = model.fields.filter((f) => f.attributes.some((a) => a.name === "id")).map((f) => f.name);
    const blockId = model.blockAttributes.find((a) => a.name === "@id");
    const pk = blockId ? fieldListArg(blockId.args) : idFields;
    if (pk.length > 0) t.indexes.PRIMARY = { unique: true, columns: pk.map((f) => columnName(modelName, f)) };
    for (const field of model.fields) {
      const unique = field.attributes.find((a) => a.name === "unique");
      if (!unique) continue;
      const col = columnName(modelName, field.name);
      t.indexes[namedArg(unique.args, "map") ?? `${table}_${col}_key`] = { unique: true, columns: [col] };
    }
    for (const [attribute, suffix, unique] of [
      ["@index", "idx", false],
      ["@unique", "key", true],
    ] as const) {
      for (const a of model.blockAttributes.filter((x) => x.name === attribute)) {
        const cols = fieldListArg(a.args).map((f) => columnName(modelName, f));
        t.indexes[namedArg(a.args, "map") ?? `${table}_${cols.join("_")}_${suffix}`] = { unique, columns: cols };
      }
    }

    // Foreign keys of the relations whose scalar fields live on this model.
    for (const field of model.fields) {
      if (!models.has(field.type)) continue;
      const relation = field.attributes.find((a) => a.name === "relation");
      const fields = relation ? fieldListArg(namedArg(relation.args, "fields", true)) : [];
      if (fields.length === 0) continue;
      const references = fieldListArg(namedArg(relation?.args ?? null, "references", true));
      const cols = fields.map((f) => columnName(modelName, f));
      const name = namedArg(relation?.args ?? null, "map") ?? `${table}_${cols.join("_")}_fkey`;
      const onDelete = namedArg(relation?.args ?? null, "onDelete", true);
      const onUpdate = namedArg(relation?.args ?? null, "onUpdate", true);
      t.foreignKeys[name] = {
        columns: cols,
        referencedTable: tableName(field.type),
        referencedColumns: references.map((f) => columnName(field.type, f)),
        onDelete: referentialAction(onDelete ?? (field.optional ? "SetNull" : "Restrict")),
        onUpdate: referentialAction(onUpdate ?? "Cascade"),
      };
      // MySQL adds an index for a foreign key no index starts with; it takes the constraint's name.
      const covered = Object.values(t.indexes).some((i) => cols.every((c, n) => i.columns[n] === c));
      if (!covered) t.indexes[name] = { unique: false, columns: cols };
    }
    shape[table] = t;
  }
  return shape;
}

/** What the database at `databaseUrl` has, in the same shape (Prisma's _prisma_migrations included). */
export async function liveShape(databaseUrl: string): Promise<DatabaseShape> {
  const schema = databaseNameFromUrl(databaseUrl);
  const conn = await mariadb.createConnection(connectionConfig(databaseUrl, null));
  try {
    const shape: DatabaseShape = {};
    const tables: Array<{ TABLE_NAME: string; TABLE_COLLATION: string }> = await conn.query(
      "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
      [schema],
    );
    for (const t of tables) shape[t.TABLE_NAME] = { collation: t.TABLE_COLLATION, columns: {}, indexes: {}, foreignKeys: {} };

    const columns: Array<{
      TABLE_NAME: string;
      COLUMN_NAME: string;
      COLUMN_TYPE: string;
      IS_NULLABLE: string;
      COLUMN_DEFAULT: string | null;
      EXTRA: string;
    }> = await conn.query(
      `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [schema],
    );
    for (const c of columns) {
      const table = shape[c.TABLE_NAME];
      if (!table) continue;
      table.columns[c.COLUMN_NAME] = {
        type: normalizeType(c.COLUMN_TYPE),
        nullable: c.IS_NULLABLE === "YES",
        // MariaDB reports an implicit DEFAULT NULL as the text NULL; literals come quoted.
        default: c.COLUMN_DEFAULT === null || c.COLUMN_DEFAULT === "NULL" ? null : normalizeDefault(c.COLUMN_DEFAULT),
        extra: c.EXTRA.toLowerCase(),
      };
    }

    const stats: Array<{ TABLE_NAME: string; INDEX_NAME: string; NON_UNIQUE: number | bigint; COLUMN_NAME: string }> =
      await conn.query(
        `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS
          WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
        [schema],
      );
    for (const s of stats) {
      const table = shape[s.TABLE_NAME];
      if (!table) continue;
      const index = (table.indexes[s.INDEX_NAME] ??= { unique: Number(s.NON_UNIQUE) === 0, columns: [] });
      index.columns.push(s.COLUMN_NAME);
    }

    const fks: Array<{
      TABLE_NAME: string;
      CONSTRAINT_NAME: string;
      COLUMN_NAME: string;
      REFERENCED_TABLE_NAME: string;
      REFERENCED_COLUMN_NAME: string;
      DELETE_RULE: string;
      UPDATE_RULE: string;
    }> = await conn.query(
      `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
              r.DELETE_RULE, r.UPDATE_RULE
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r
           ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
          AND r.TABLE_NAME = k.TABLE_NAME
        WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
        ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
      [schema],
    );
    for (const f of fks) {
      const table = shape[f.TABLE_NAME];
      if (!table) continue;
      const fk = (table.foreignKeys[f.CONSTRAINT_NAME] ??= {
        columns: [],
        referencedTable: f.REFERENCED_TABLE_NAME,
        referencedColumns: [],
        onDelete: f.DELETE_RULE,
        onUpdate: f.UPDATE_RULE,
      });
      fk.columns.push(f.COLUMN_NAME);
      fk.referencedColumns.push(f.REFERENCED_COLUMN_NAME);
    }
    return shape;
  } finally {
    await conn.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Prisma type -> MySQL column type, as Prisma Migrate renders it (and MariaDB reports it).

const DEFAULT_TYPES: Record<string, string> = {
  String: "varchar(191)",
  Boolean: "tinyint(1)",
  Int: "int",
  BigInt: "bigint",
  Float: "double",
  Decimal: "decimal(65,30)",
  DateTime: "datetime(3)",
  Json: "longtext", // MariaDB's JSON is an alias of LONGTEXT
  Bytes: "longblob",
};

function columnType(field: SchemaField, enumDef: SchemaEnum | undefined): string {
  if (enumDef) return `enum(${enumDef.values.map((v) => `'${v.dbName}'`).join(",")})`;
  const native = field.attributes.find((a) => a.name.startsWith("db."));
  if (!native) {
    const type = DEFAULT_TYPES[field.type];
    if (!type) throw new Error(`No MySQL type known for ${field.type}`);
    return type;
  }
  const name = native.name.slice(3);
  const args = native.args ? `(${native.args.replace(/\s+/g, "")})` : "";
  const unsigned = /^Unsigned(TinyInt|SmallInt|MediumInt|Int|BigInt)$/.exec(name);
  if (unsigned) return `${unsigned[1]!.toLowerCase()} unsigned`;
  if (name === "TinyInt" && field.type === "Boolean") return "tinyint(1)";
  if (name === "Json") return "longtext";
  return normalizeType(`${name.toLowerCase()}${args}`);
}

function normalizeType(type: string): string {
  // Lower-case the type, never the quoted values of an enum('A','B').
  return type
    .replace(/^[A-Za-z ]+/, (name) => name.toLowerCase())
    .replace(/\)[A-Za-z ]+$/, (suffix) => suffix.toLowerCase())
    .replace(/^(smallint|mediumint|int|bigint)\(\d+\)/, "$1")
    .replace(/^tinyint\((?!1\))\d+\)/, "tinyint");
}

function columnDefault(field: SchemaField): string | null {
  const def = field.attributes.find((a) => a.name === "default");
  const raw = def?.args?.trim();
  if (!raw) return null;
  if (raw === "autoincrement()" || /^(uuid|cuid|nanoid|ulid)\(/.test(raw)) return null;
  if (raw === "now()") return "current_timestamp(3)";
  const generated = /^dbgenerated\((.*)\)$/s.exec(raw);
  if (generated) return normalizeDefault(stringArg(generated[1] ?? ""));
  if (raw.startsWith('"')) return `'${stringArg(raw)}'`;
  if (raw === "true" || raw === "false") return raw === "true" ? "1" : "0";
  if (/^-?\d/.test(raw)) return raw;
  return `'${raw}'`; // an enum value
}

function normalizeDefault(value: string): string {
  return value.startsWith("'") ? value : value.toLowerCase();
}

function referentialAction(action: string): string {
  const actions: Record<string, string> = {
    Cascade: "CASCADE",
    Restrict: "RESTRICT",
    NoAction: "NO ACTION",
    SetNull: "SET NULL",
    SetDefault: "SET DEFAULT",
  };
  const sql = actions[action];
  if (!sql) throw new Error(`Unknown referential action ${action}`);
  return sql;
}

// ---------------------------------------------------------------------------------------------------------------
// A small Prisma schema reader: enough for models, enums and their attributes.

export function parseSchema(source: string): { models: Map<string, SchemaModel>; enums: Map<string, SchemaEnum> } {
  const text = stripComments(source);
  const models = new Map<string, SchemaModel>();
  const enums = new Map<string, SchemaEnum>();
  for (const block of text.matchAll(/^\s*(model|enum)\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const [, kind, name, body] = block as unknown as [string, string, string, string];
    const lines = body
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (kind === "enum") {
      const values = lines
        .filter((l) => !l.startsWith("@@"))
        .map((l) => {
          const [valueName = "", ...rest] = l.split(/\s+/);
          const map = parseAttributes(rest.join(" ")).find((a) => a.name === "map");
          return { name: valueName, dbName: map ? stringArg(map.args) : valueName };
        });
      enums.set(name, { name, values });
      continue;
    }
    const model: SchemaModel = { name, fields: [], blockAttributes: [] };
    for (const line of lines) {
      if (line.startsWith("@@")) {
        model.blockAttributes.push(...parseAttributes(line));
        continue;
      }
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!m) throw new Error(`Cannot read field line in model ${name}: ${line}`);
      model.fields.push({
        name: m[1]!,
        type: m[2]!,
        list: m[3] !== undefined,
        optional: m[4] !== undefined,
        attributes: parseAttributes(m[5] ?? ""),
      });
    }
    models.set(name, model);
  }
  return { models, enums };
}

function stripComments(source: string): string {
  return source
    .split("\n")
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (ch === '"' && line[i - 1] !== "\\") inString = !inString;
        if (!inString && ch === "/" && line[i + 1] === "/") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

/** `@id @default(autoincrement()) @db.VarChar(64)` -> [{id}, {default, "autoincrement()"}, {db.VarChar, "64"}]. */
function parseAttributes(text: string): Attribute[] {
  const attributes: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "@") {
      i++;
      continue;
    }
    const m = /^@(@?[\w.]+)/.exec(text.slice(i));
    if (!m) break;
    i += m[0].length;
    let args: string | null = null;
    if (text[i] === "(") {
      let depth = 0;
      let inString = false;
      const start = i + 1;
      for (; i < text.length; i++) {
        const ch = text[i];
        if (ch === '"' && text[i - 1] !== "\\") inString = !inString;
        if (inString) continue;
        if (ch === "(") depth++;
        if (ch === ")" && --depth === 0) break;
      }
      args = text.slice(start, i);
      i++;
    }
    attributes.push({ name: m[1]!, args });
  }
  return attributes;
}

/** `"text"` -> text */
function stringArg(args: string | null): string {
  const m = /^\s*"((?:[^"\\]|\\.)*)"/.exec(args ?? "");
  if (!m) throw new Error(`Expected a string argument, got ${args}`);
  return m[1]!.replace(/\\(.)/g, "$1");
}

/** `[a, b(sort: Desc)], map: "x"` -> [a, b]; a bare first argument or `fields: [...]` both work. */
function fieldListArg(args: string | null): string[] {
  const m = /\[([^\]]*)\]/.exec(args ?? "");
  if (!m) return [];
  return m[1]!
    .split(",")
    .map((s) => s.trim().replace(/\(.*$/, ""))
    .filter(Boolean);
}

/**
 * A named argument's value: `map: "x"` -> x; with raw, the unparsed value (`[a, b]`, `Cascade`).
 */
function namedArg(args: string | null, name: string, raw = false): string | null {
  if (!args) return null;
  const m = new RegExp(`(?:^|[,(\\s])${name}\\s*:\\s*(\\[[^\\]]*\\]|"(?:[^"\\\\]|\\\\.)*"|\\w+)`).exec(args);
  if (!m) return null;
  return raw ? m[1]! : m[1]!.startsWith('"') ? stringArg(m[1]!) : m[1]!;
}
