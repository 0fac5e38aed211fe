import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { LibrarianOnly } from "../components/LibrarianOnly.tsx";
import { ListPager } from "../components/Pager.tsx";
import { errorSentence } from "../errors.ts";
import { formatCount } from "../format.ts";
import { READERS } from "../operations.ts";
import { deskTexts, readerTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";
import { useUrlState } from "../useUrlState.ts";

const PAGE_SIZE = 50;

/** Readers, searchable by name, @username or phone, with the books each has now and how many are overdue. */
export function ReadersPage() {
  usePageTitle(readerTexts.title);
  return (
    <>
      <h1 className="page-title">{readerTexts.title}</h1>
      <LibrarianOnly reason={deskTexts.needsSignIn}>
        <ReaderList />
      </LibrarianOnly>
    </>
  );
}

function ReaderList() {
  const url = useUrlState();
  const { search, searchInput, setSearchInput, after } = url;
  const { data, previousData, loading, error } = useQuery(READERS, {
    variables: { search: search || null, first: PAGE_SIZE, after },
    fetchPolicy: "cache-and-network",
  });
  const readers = (data ?? previousData)?.readers;

  return (
    <section className="panel" aria-labelledby="readers-list">
      <h2 id="readers-list" className="visually-hidden">
        {readerTexts.title}
      </h2>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="field grow">
          <span>{readerTexts.search}</span>
          <input type="search" value={searchInput} placeholder={readerTexts.searchPlaceholder} onChange={(event) => setSearchInput(event.target.value)} />
        </label>
      </form>
      {error && !readers && (
        <p className="error" role="alert">
          {errorSentence(error)}
        </p>
      )}
      {readers && readers.nodes.length === 0 && <p className="muted">{readerTexts.none}</p>}
      {readers && readers.nodes.length > 0 && (
        <div className="table-wrap">
          <table className="cards-on-phone loans reader-list" data-testid="readers">
            <thead>
              <tr>
                <th scope="col">{readerTexts.name}</th>
                <th scope="col">{readerTexts.username}</th>
                <th scope="col">{readerTexts.phone}</th>
                <th scope="col">{readerTexts.open}</th>
                <th scope="col">{readerTexts.overdue}</th>
              </tr>
            </thead>
            <tbody>
              {readers.nodes.map((reader) => (
                <tr key={reader.id} data-reader-id={reader.id} className={reader.overdueLoanCount > 0 ? "overdue-row" : undefined}>
                  <td data-label={readerTexts.name}>
                    <Link to={`/readers/${reader.id}`}>{reader.name}</Link>
                  </td>
                  <td data-label={readerTexts.username}>
                    {reader.username ? (
                      <a href={`https://t.me/${reader.username}`} rel="noreferrer" target="_blank">
                        @{reader.username}
                      </a>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td data-label={readerTexts.phone}>{reader.phone ? <a href={`tel:${reader.phone}`}>{reader.phone}</a> : "—"}</td>
                  <td data-label={readerTexts.open}>{formatCount(reader.openLoanCount)}</td>
                  <td data-label={readerTexts.overdue} className={reader.overdueLoanCount > 0 ? "late" : undefined}>
                    {formatCount(reader.overdueLoanCount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager list={readers} loading={loading} pageSize={PAGE_SIZE} url={url} />
    </section>
  );
}
