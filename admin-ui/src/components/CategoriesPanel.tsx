import { useQuery } from "@apollo/client/react";
import { CATEGORIES } from "../graphql.ts";

interface Props {
  selected: string | null;
  onSelect: (category: string | null) => void;
}

/** Every category with its book count; a click filters the catalogue. */
export function CategoriesPanel({ selected, onSelect }: Props) {
  const { data, loading, error } = useQuery(CATEGORIES);
  const categories = data?.categories ?? [];

  return (
    <section className="panel" aria-labelledby="categories-title">
      <h2 id="categories-title">Категорії</h2>
      {loading && categories.length === 0 && <p className="muted">Завантаження…</p>}
      {error && (
        <p className="error" role="alert">
          Не вдалося завантажити категорії: {error.message}
        </p>
      )}
      {!loading && !error && categories.length === 0 && <p className="muted">Категорій поки немає.</p>}
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
