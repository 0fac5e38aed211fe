import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Counts of one minute, all instances." })
export class CacheMinute {
  @Field(() => Date)
  minute!: Date;
  @Field(() => Int)
  hits!: number;
  @Field(() => Int)
  misses!: number;
  @Field(() => Int)
  staleServes!: number;
  @Field(() => Int)
  sheetsReads!: number;
  @Field(() => Int)
  sheetsWrites!: number;
  @Field(() => Int)
  sheets429!: number;
  @Field(() => Int)
  refreshes!: number;
  @Field(() => Int)
  redisErrors!: number;
}

@ObjectType({ description: "The cache in front of the Google Sheet, summed over every server instance." })
export class CacheStats {
  @Field(() => Float, { description: "Book lookups answered from Redis." })
  hits!: number;
  @Field(() => Float)
  misses!: number;
  @Field(() => Float, { description: "hits / (hits + misses); 0 before any lookup." })
  hitRate!: number;
  @Field(() => Float, { description: "Lookups answered with values older than the TTL (the Sheet could not be read)." })
  staleServes!: number;
  @Field(() => Float, { description: "Refreshes that read the Sheet." })
  refreshes!: number;
  @Field(() => Float)
  averageRefreshMs!: number;
  @Field(() => Float)
  refreshesRefused!: number;
  @Field(() => Float)
  refreshesFailed!: number;
  @Field(() => Float)
  sheetsReads!: number;
  @Field(() => Int)
  sheetsReadsLastMinute!: number;
  @Field(() => Int)
  sheetsReadBudgetPerMinute!: number;
  @Field(() => Float)
  sheetsWrites!: number;
  @Field(() => Float, { description: "Sheets API answers 429 (over Google's quota)." })
  sheets429!: number;
  @Field(() => Float)
  sheetsErrors!: number;
  @Field(() => Float)
  redisErrors!: number;
  @Field(() => String, { description: "Redis circuit breaker of the answering instance: closed, open or half-open." })
  breakerState!: string;
  @Field(() => Float)
  webhookRejected!: number;
  @Field(() => Int, { description: "The seed's get_cache_stats(): every kurin book key." })
  totalKeys!: number;
  @Field(() => Int)
  statusKeys!: number;
  @Field(() => Int)
  infoKeys!: number;
  @Field(() => Boolean)
  allBooksCached!: boolean;
  @Field(() => String, { nullable: true, description: "books:status:last_update" })
  lastUpdate!: string | null;
  @Field(() => Boolean, { description: "Redis could not be read: these are the answering instance's own counts." })
  partial!: boolean;
  @Field(() => [CacheMinute], { description: "Per minute, the last hour." })
  series!: CacheMinute[];
}

@ObjectType({ description: "What a refresh of the catalogue did." })
export class CatalogRefresh {
  @Field(() => String, { description: "read: the Sheet was read; shared: another instance's read was adopted; fresh: the cache was fresh enough." })
  kind!: string;
  @Field(() => Int)
  books!: number;
  @Field(() => Int, { description: "Books whose cached entry changed (kind read)." })
  changed!: number;
}
