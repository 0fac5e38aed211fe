import { errorSentence } from "../errors.ts";
import { useQuery } from "@apollo/client/react";
import { useSearchParams } from "react-router";
import { CATEGORIES } from "../operations.ts";
import { catalogueTexts } from "../texts.ts";

/** Every category with its book count; a click filters the catalogue (through the URL), a second click unfilters. */
export function CategoriesPanel() {
  const [params, setParams] = useSearchParams();
  const selected = params.get("category");
  const onSelect = (category: string | null) => {
    const next = new URLSearchParams(params);
    if (category) next.set("category", category);
    else next.delete("category");
    next.delete("after");
    setParams(next);
  };
  const { data, loading, error } = useQuery(CATEGORIES);
  const categories = data?.categories ?? [];

  return (
    <section className="panel" aria-labelledby="categories-title">
      <h2 id="categories-title">{catalogueTexts.categoriesTitle}</h2>
      {loading && categories.length === 0 && <p className="muted">{catalogueTexts.loading}</p>}
      {error && (
        <p className="error" role="alert">
          {catalogueTexts.categoriesFailed} {errorSentence(error)}
        </p>
      )}
      {!loading && !error && categories.length === 0 && <p className="muted">{catalogueTexts.noCategories}</p>}
      {categories.length > 0 && (
        <ul className="category-list">
          {categories.map((category) => (
            <li key={category.name}>
              <button
                type="button"
                className={category.name === selected ? "category active" : "category"}
                aria-pressed={category.name === selected}
                onClick={() => onSelect(category.name === selected ? null : category.name)}
              >
                <span>{category.name}</span>
                <span className="count">{category.bookCount}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
