import { createHash, randomBytes } from "node:crypto";
import { isUniqueViolation, Role, type ApiToken, type PrismaClient } from "../db/client.ts";

/**
 * API tokens. A token is shown once, when created; the database keeps only its SHA-256, so a leaked database
 * gives no usable token. Looking one up is one indexed query on the hash.
 */

/** Roles a token may have. READER is not one: readers are Telegram people, acting through the BOT token. */
export const TOKEN_ROLES = [Role.LIBRARIAN, Role.INTEGRATOR, Role.BOT] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const TOKEN_PREFIX = "kurin_";
const NAME = /^[\p{L}\p{N}_.@-]{1,64}$/u;

export class TokenError extends Error {
  override name = "TokenError";
}

/** A new random token: `kurin_` and 43 base64url characters (256 bits). */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** What the database stores: SHA-256 of the token, lowercase hex (64 characters). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isTokenRole(role: string): role is TokenRole {
  return (TOKEN_ROLES as readonly string[]).includes(role);
}

export class ApiTokens {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates a token; the returned `token` is the only time it exists in clear. */
  async create(name: string, role: string): Promise<{ token: string; record: ApiToken }> {
    if (!NAME.test(name)) throw new TokenError(`Invalid token name "${name}": use 1-64 letters, digits, _ . @ or -`);
    const upper = role.toUpperCase();
    if (!isTokenRole(upper)) {
      throw new TokenError(
        `Invalid role "${role}": use ${TOKEN_ROLES.join(", ")} (readers are Telegram users acting through a BOT token)`,
      );
    }
    const token = generateToken();
    try {
      const record = await this.prisma.apiToken.create({ data: { name, role: upper, tokenHash: hashToken(token) } });
      return { token, record };
    } catch (error) {
      if (isUniqueViolation(error, "ApiToken_name_key")) {
        throw new TokenError(`A token named "${name}" exists already (names stay taken after a revoke): choose another name`);
      }
      throw error;
    }
  }

  list(): Promise<ApiToken[]> {
    return this.prisma.apiToken.findMany({ orderBy: { createdAt: "asc" } });
  }

  /** Revokes a token by name; false when there is no such token, or it was revoked already. */
  async revoke(name: string, now = new Date()): Promise<boolean> {
    const { count } = await this.prisma.apiToken.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: now } });
    return count === 1;
  }

  /** The live (not revoked) token with this secret, or null. */
  async find(token: string): Promise<ApiToken | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const record = await this.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
    return record && record.revokedAt === null ? record : null;
  }

  /** Records a use (callers throttle this: it is a write). */
  async touch(id: number, at: Date): Promise<void> {
    await this.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
