namespace Aulario.Persistence.Configurations;

/// <summary>
/// What the accounts list needs at 100,000 accounts that EF cannot model, per engine, applied by the migration
/// AccountSearchCountsAndResetLinks (regenerating that migration must keep these calls):
/// <list type="bullet">
/// <item>per-portal, per-status counters ("AccountStatusCounts") kept by triggers, so the counts never scan the accounts;</item>
/// <item>expression indexes for the last-sign-in sort ("never" first on both engines);</item>
/// <item>SQLite: an FTS5 trigram index over the search key, kept in sync by triggers through "AccountSearchKeys" (an
/// INTEGER PRIMARY KEY, stable under VACUUM unlike the implicit rowid of "Accounts"). PostgreSQL's pg_trgm GIN index is in
/// the EF model.</item>
/// </list>
/// </summary>
public static class AccountListSql
{
    private const string NoPortal = "'00000000-0000-0000-0000-000000000000'";

    public static readonly string[] SqliteAccountTriggers =
        ["Accounts_counts_ai", "Accounts_counts_ad", "Accounts_counts_au", "Accounts_search_ai", "Accounts_search_au", "Accounts_search_ad"];

    public static readonly string[] PostgresAccountTriggers = ["Accounts_counts_ai", "Accounts_counts_ad", "Accounts_counts_au"];

    public static readonly string[] SqliteUp =
    [
        // Counters, filled from what exists, then kept by triggers.
        $"""
        INSERT INTO "AccountStatusCounts" ("PortalKey", "Status", "Count")
        SELECT coalesce("PortalId", {NoPortal}), "Status", count(*) FROM "Accounts" GROUP BY 1, 2;
        """,
        $"""
        CREATE TRIGGER "Accounts_counts_ai" AFTER INSERT ON "Accounts" BEGIN
            INSERT INTO "AccountStatusCounts" ("PortalKey", "Status", "Count") VALUES (coalesce(new."PortalId", {NoPortal}), new."Status", 1)
            ON CONFLICT ("PortalKey", "Status") DO UPDATE SET "Count" = "Count" + 1;
        END;
        """,
        $"""
        CREATE TRIGGER "Accounts_counts_ad" AFTER DELETE ON "Accounts" BEGIN
            UPDATE "AccountStatusCounts" SET "Count" = "Count" - 1 WHERE "PortalKey" = coalesce(old."PortalId", {NoPortal}) AND "Status" = old."Status";
        END;
        """,
        $"""
        CREATE TRIGGER "Accounts_counts_au" AFTER UPDATE OF "Status", "PortalId" ON "Accounts"
        WHEN old."Status" IS NOT new."Status" OR old."PortalId" IS NOT new."PortalId" BEGIN
            UPDATE "AccountStatusCounts" SET "Count" = "Count" - 1 WHERE "PortalKey" = coalesce(old."PortalId", {NoPortal}) AND "Status" = old."Status";
            INSERT INTO "AccountStatusCounts" ("PortalKey", "Status", "Count") VALUES (coalesce(new."PortalId", {NoPortal}), new."Status", 1)
            ON CONFLICT ("PortalKey", "Status") DO UPDATE SET "Count" = "Count" + 1;
        END;
        """,
        // Substring search: FTS5 trigram (case-sensitive over the lower-case key = exactly the substring test, accents kept).
        """CREATE TABLE "AccountSearchKeys" ("Id" INTEGER PRIMARY KEY, "AccountId" TEXT NOT NULL UNIQUE, "SearchKey" TEXT NOT NULL);""",
        """CREATE VIRTUAL TABLE "AccountSearch" USING fts5("SearchKey", content='AccountSearchKeys', content_rowid='Id', tokenize='trigram case_sensitive 1');""",
        """
        CREATE TRIGGER "AccountSearchKeys_ai" AFTER INSERT ON "AccountSearchKeys" BEGIN
            INSERT INTO "AccountSearch" (rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
        END;
        """,
        """
        CREATE TRIGGER "AccountSearchKeys_ad" AFTER DELETE ON "AccountSearchKeys" BEGIN
            INSERT INTO "AccountSearch" ("AccountSearch", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
        END;
        """,
        """
        CREATE TRIGGER "AccountSearchKeys_au" AFTER UPDATE OF "SearchKey" ON "AccountSearchKeys" BEGIN
            INSERT INTO "AccountSearch" ("AccountSearch", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
            INSERT INTO "AccountSearch" (rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
        END;
        """,
        """
        CREATE TRIGGER "Accounts_search_ai" AFTER INSERT ON "Accounts" BEGIN
            INSERT INTO "AccountSearchKeys" ("AccountId", "SearchKey") VALUES (new."Id", new."SearchKey");
        END;
        """,
        """
        CREATE TRIGGER "Accounts_search_au" AFTER UPDATE OF "SearchKey" ON "Accounts" WHEN old."SearchKey" IS NOT new."SearchKey" BEGIN
            UPDATE "AccountSearchKeys" SET "SearchKey" = new."SearchKey" WHERE "AccountId" = old."Id";
        END;
        """,
        """
        CREATE TRIGGER "Accounts_search_ad" AFTER DELETE ON "Accounts" BEGIN
            DELETE FROM "AccountSearchKeys" WHERE "AccountId" = old."Id";
        END;
        """,
        """INSERT INTO "AccountSearchKeys" ("AccountId", "SearchKey") SELECT "Id", "SearchKey" FROM "Accounts";""",
        // Last sign-in sort: "never" first, then oldest (the list's ORDER BY "LastSignInAt" IS NOT NULL, "LastSignInAt", "Email").
        """CREATE INDEX "IX_Accounts_SignedIn_LastSignInAt_Email" ON "Accounts" ("LastSignInAt" IS NOT NULL, "LastSignInAt", "Email");""",
        """CREATE INDEX "IX_Accounts_Status_SignedIn_LastSignInAt_Email" ON "Accounts" ("Status", "LastSignInAt" IS NOT NULL, "LastSignInAt", "Email");""",
    ];

    public static readonly string[] SqliteDown =
    [
        """DROP INDEX "IX_Accounts_Status_SignedIn_LastSignInAt_Email";""",
        """DROP INDEX "IX_Accounts_SignedIn_LastSignInAt_Email";""",
        .. SqliteAccountTriggers.Select(t => $"""DROP TRIGGER "{t}";"""),
        """DROP TABLE "AccountSearch";""",
        """DROP TABLE "AccountSearchKeys";""",
    ];

    public static readonly string[] PostgresUp =
    [
        $"""
        INSERT INTO "AccountStatusCounts" ("PortalKey", "Status", "Count")
        SELECT coalesce("PortalId", {NoPortal}::uuid), "Status", count(*) FROM "Accounts" GROUP BY 1, 2;
        """,
        // Statement-level triggers over the transition tables: one upsert per statement, counters locked in key order.
        $"""
        CREATE FUNCTION aulario_account_counts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO "AccountStatusCounts" AS c ("PortalKey", "Status", "Count")
                SELECT coalesce("PortalId", {NoPortal}::uuid), "Status", count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
                ON CONFLICT ("PortalKey", "Status") DO UPDATE SET "Count" = c."Count" + excluded."Count";
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO "AccountStatusCounts" AS c ("PortalKey", "Status", "Count")
                SELECT coalesce("PortalId", {NoPortal}::uuid), "Status", -count(*) FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
                ON CONFLICT ("PortalKey", "Status") DO UPDATE SET "Count" = c."Count" + excluded."Count";
            ELSE
                INSERT INTO "AccountStatusCounts" AS c ("PortalKey", "Status", "Count")
                SELECT k, s, sum(d) FROM (
                    SELECT coalesce("PortalId", {NoPortal}::uuid) AS k, "Status" AS s, -1 AS d FROM old_rows
                    UNION ALL
                    SELECT coalesce("PortalId", {NoPortal}::uuid), "Status", 1 FROM new_rows) AS changes
                GROUP BY k, s HAVING sum(d) <> 0 ORDER BY k, s
                ON CONFLICT ("PortalKey", "Status") DO UPDATE SET "Count" = c."Count" + excluded."Count";
            END IF;
            RETURN NULL;
        END $$;
        """,
        """CREATE TRIGGER "Accounts_counts_ai" AFTER INSERT ON "Accounts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aulario_account_counts();""",
        """CREATE TRIGGER "Accounts_counts_ad" AFTER DELETE ON "Accounts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aulario_account_counts();""",
        """CREATE TRIGGER "Accounts_counts_au" AFTER UPDATE ON "Accounts" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aulario_account_counts();""",
        """CREATE INDEX "IX_Accounts_SignedIn_LastSignInAt_Email" ON "Accounts" (("LastSignInAt" IS NOT NULL), "LastSignInAt", "Email");""",
        """CREATE INDEX "IX_Accounts_Status_SignedIn_LastSignInAt_Email" ON "Accounts" ("Status", ("LastSignInAt" IS NOT NULL), "LastSignInAt", "Email");""",
    ];

    /// <summary>
    /// The words of an account's search key on PostgreSQL, as FTS5's unicode61 tokenizer sees them on SQLite (runs of letters and
    /// digits: the punctuation of emails becomes spaces, otherwise PostgreSQL's parser keeps an email as one token). The query
    /// must spell it exactly so, to use the index "IX_Accounts_SearchKey_words".
    /// </summary>
    public const string PostgresWords = "to_tsvector('simple'::regconfig, translate(\"SearchKey\", '@._-+', '     '))";

    /// <summary>
    /// Migration AccountListKeysAndWords (SQLite): "AccountSearchKeys" becomes the list's narrow copy of each account (portal,
    /// status and every sorted column, kept by the triggers on "Accounts"), so a search counts and sorts its matches there; the
    /// FTS5 word index "AccountWords" (prefix index for 1 and 2 characters) serves short searches.
    /// </summary>
    public static readonly string[] SqliteKeysAndWordsUp =
    [
        $"""ALTER TABLE "AccountSearchKeys" ADD COLUMN "PortalKey" TEXT NOT NULL DEFAULT {NoPortal};""",
        """ALTER TABLE "AccountSearchKeys" ADD COLUMN "Status" INTEGER NOT NULL DEFAULT 0;""",
        """ALTER TABLE "AccountSearchKeys" ADD COLUMN "Email" TEXT NOT NULL DEFAULT '';""",
        """ALTER TABLE "AccountSearchKeys" ADD COLUMN "LastName" TEXT NOT NULL DEFAULT '';""",
        """ALTER TABLE "AccountSearchKeys" ADD COLUMN "FirstName" TEXT NOT NULL DEFAULT '';""",
        """ALTER TABLE "AccountSearchKeys" ADD COLUMN "LicenseType" INTEGER NOT NULL DEFAULT 0;""",
        """ALTER TABLE "AccountSearchKeys" ADD COLUMN "LastSignInAt" INTEGER NULL;""",
        """ALTER TABLE "AccountSearchKeys" ADD COLUMN "CreatedAt" INTEGER NOT NULL DEFAULT 0;""",
        $"""
        UPDATE "AccountSearchKeys" AS k SET ("PortalKey", "Status", "Email", "LastName", "FirstName", "LicenseType", "LastSignInAt", "CreatedAt") =
            (SELECT coalesce(a."PortalId", {NoPortal}), a."Status", a."Email", a."LastName", a."FirstName", a."LicenseType", a."LastSignInAt", a."CreatedAt"
             FROM "Accounts" AS a WHERE a."Id" = k."AccountId");
        """,
        // The trigram index follows the key only when it changes (the key rows now change with status, names, sign-ins…).
        """DROP TRIGGER "AccountSearchKeys_au";""",
        """
        CREATE TRIGGER "AccountSearchKeys_au" AFTER UPDATE OF "SearchKey" ON "AccountSearchKeys" WHEN old."SearchKey" IS NOT new."SearchKey" BEGIN
            INSERT INTO "AccountSearch" ("AccountSearch", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
            INSERT INTO "AccountSearch" (rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
        END;
        """,
        """DROP TRIGGER "Accounts_search_ai";""",
        $"""
        CREATE TRIGGER "Accounts_search_ai" AFTER INSERT ON "Accounts" BEGIN
            INSERT INTO "AccountSearchKeys" ("AccountId", "SearchKey", "PortalKey", "Status", "Email", "LastName", "FirstName", "LicenseType", "LastSignInAt", "CreatedAt")
            VALUES (new."Id", new."SearchKey", coalesce(new."PortalId", {NoPortal}), new."Status", new."Email", new."LastName", new."FirstName", new."LicenseType", new."LastSignInAt", new."CreatedAt");
        END;
        """,
        """DROP TRIGGER "Accounts_search_au";""",
        $"""
        CREATE TRIGGER "Accounts_search_au" AFTER UPDATE ON "Accounts"
        WHEN old."SearchKey" IS NOT new."SearchKey" OR old."PortalId" IS NOT new."PortalId" OR old."Status" IS NOT new."Status" OR old."Email" IS NOT new."Email"
          OR old."LastName" IS NOT new."LastName" OR old."FirstName" IS NOT new."FirstName" OR old."LicenseType" IS NOT new."LicenseType"
          OR old."LastSignInAt" IS NOT new."LastSignInAt" OR old."CreatedAt" IS NOT new."CreatedAt" BEGIN
            UPDATE "AccountSearchKeys" SET "SearchKey" = new."SearchKey", "PortalKey" = coalesce(new."PortalId", {NoPortal}), "Status" = new."Status",
                "Email" = new."Email", "LastName" = new."LastName", "FirstName" = new."FirstName", "LicenseType" = new."LicenseType",
                "LastSignInAt" = new."LastSignInAt", "CreatedAt" = new."CreatedAt"
            WHERE "AccountId" = old."Id";
        END;
        """,
        // Words: unicode61 (letters and digits; accents kept, as in the key), with prefix indexes for 1 and 2 characters.
        """CREATE VIRTUAL TABLE "AccountWords" USING fts5("SearchKey", content='AccountSearchKeys', content_rowid='Id', tokenize='unicode61 remove_diacritics 0', prefix='1 2');""",
        """
        CREATE TRIGGER "AccountSearchKeys_words_ai" AFTER INSERT ON "AccountSearchKeys" BEGIN
            INSERT INTO "AccountWords" (rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
        END;
        """,
        """
        CREATE TRIGGER "AccountSearchKeys_words_ad" AFTER DELETE ON "AccountSearchKeys" BEGIN
            INSERT INTO "AccountWords" ("AccountWords", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
        END;
        """,
        """
        CREATE TRIGGER "AccountSearchKeys_words_au" AFTER UPDATE OF "SearchKey" ON "AccountSearchKeys" WHEN old."SearchKey" IS NOT new."SearchKey" BEGIN
            INSERT INTO "AccountWords" ("AccountWords", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
            INSERT INTO "AccountWords" (rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
        END;
        """,
        """INSERT INTO "AccountWords" ("AccountWords") VALUES ('rebuild');""",
    ];

    public static readonly string[] SqliteKeysAndWordsDown =
    [
        """DROP TRIGGER "AccountSearchKeys_words_au";""",
        """DROP TRIGGER "AccountSearchKeys_words_ad";""",
        """DROP TRIGGER "AccountSearchKeys_words_ai";""",
        """DROP TABLE "AccountWords";""",
        """DROP TRIGGER "Accounts_search_au";""",
        """
        CREATE TRIGGER "Accounts_search_au" AFTER UPDATE OF "SearchKey" ON "Accounts" WHEN old."SearchKey" IS NOT new."SearchKey" BEGIN
            UPDATE "AccountSearchKeys" SET "SearchKey" = new."SearchKey" WHERE "AccountId" = old."Id";
        END;
        """,
        """DROP TRIGGER "Accounts_search_ai";""",
        """
        CREATE TRIGGER "Accounts_search_ai" AFTER INSERT ON "Accounts" BEGIN
            INSERT INTO "AccountSearchKeys" ("AccountId", "SearchKey") VALUES (new."Id", new."SearchKey");
        END;
        """,
        """DROP TRIGGER "AccountSearchKeys_au";""",
        """
        CREATE TRIGGER "AccountSearchKeys_au" AFTER UPDATE OF "SearchKey" ON "AccountSearchKeys" BEGIN
            INSERT INTO "AccountSearch" ("AccountSearch", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
            INSERT INTO "AccountSearch" (rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
        END;
        """,
        .. new[] { "CreatedAt", "LastSignInAt", "LicenseType", "FirstName", "LastName", "Email", "Status", "PortalKey" }
            .Select(c => $"""ALTER TABLE "AccountSearchKeys" DROP COLUMN "{c}";"""),
    ];

    /// <summary>
    /// Migration AccountKeySortIndexes (SQLite): one index per list order over "AccountSearchKeys", each ending with the status, so
    /// a search's first pages walk an index and test each row's key against the full-text matches without reading the rows
    /// (AccountSearchWalk). The status order's index is (status, email) itself.
    /// </summary>
    public static readonly string[] SqliteKeySortIndexesUp =
    [
        """CREATE INDEX "IX_AccountSearchKeys_Email_Status" ON "AccountSearchKeys" ("Email", "Status");""",
        """CREATE INDEX "IX_AccountSearchKeys_Name_Status" ON "AccountSearchKeys" ("LastName", "FirstName", "Email", "Status");""",
        """CREATE INDEX "IX_AccountSearchKeys_Status_Email" ON "AccountSearchKeys" ("Status", "Email");""",
        """CREATE INDEX "IX_AccountSearchKeys_LicenseType_Email_Status" ON "AccountSearchKeys" ("LicenseType", "Email", "Status");""",
        """CREATE INDEX "IX_AccountSearchKeys_SignedIn_Email_Status" ON "AccountSearchKeys" ("LastSignInAt" IS NOT NULL, "LastSignInAt", "Email", "Status");""",
        """CREATE INDEX "IX_AccountSearchKeys_CreatedAt_Email_Status" ON "AccountSearchKeys" ("CreatedAt", "Email", "Status");""",
    ];

    public static readonly string[] SqliteKeySortIndexesDown =
    [
        """DROP INDEX "IX_AccountSearchKeys_CreatedAt_Email_Status";""",
        """DROP INDEX "IX_AccountSearchKeys_SignedIn_Email_Status";""",
        """DROP INDEX "IX_AccountSearchKeys_LicenseType_Email_Status";""",
        """DROP INDEX "IX_AccountSearchKeys_Status_Email";""",
        """DROP INDEX "IX_AccountSearchKeys_Name_Status";""",
        """DROP INDEX "IX_AccountSearchKeys_Email_Status";""",
    ];

    /// <summary>
    /// Migration AccountWordFacets (SQLite): the word index also holds each key row's status and portal as words of a second
    /// column, "Facets" ("qqs1 qqp" + the portal's 32 hex digits, a generated column of "AccountSearchKeys"; "qq" begins no name a
    /// person searches for), so a word search counts its matches per status from the index alone (2.6 ms for 10,000 matches at
    /// 100,000 accounts, against 9 ms looking each match up). Every query of the word index names its column
    /// (<see cref="WordsColumn"/>).
    /// </summary>
    public static readonly string[] SqliteWordFacetsUp =
    [
        """ALTER TABLE "AccountSearchKeys" ADD COLUMN "Facets" TEXT GENERATED ALWAYS AS ('qqs' || "Status" || ' qqp' || lower(replace("PortalKey", '-', ''))) VIRTUAL;""",
        """DROP TRIGGER "AccountSearchKeys_words_au";""",
        """DROP TRIGGER "AccountSearchKeys_words_ad";""",
        """DROP TRIGGER "AccountSearchKeys_words_ai";""",
        """DROP TABLE "AccountWords";""",
        """CREATE VIRTUAL TABLE "AccountWords" USING fts5("SearchKey", "Facets", content='AccountSearchKeys', content_rowid='Id', tokenize='unicode61 remove_diacritics 0', prefix='1 2');""",
        """
        CREATE TRIGGER "AccountSearchKeys_words_ai" AFTER INSERT ON "AccountSearchKeys" BEGIN
            INSERT INTO "AccountWords" (rowid, "SearchKey", "Facets") VALUES (new."Id", new."SearchKey", new."Facets");
        END;
        """,
        """
        CREATE TRIGGER "AccountSearchKeys_words_ad" AFTER DELETE ON "AccountSearchKeys" BEGIN
            INSERT INTO "AccountWords" ("AccountWords", rowid, "SearchKey", "Facets") VALUES ('delete', old."Id", old."SearchKey", old."Facets");
        END;
        """,
        """
        CREATE TRIGGER "AccountSearchKeys_words_au" AFTER UPDATE OF "SearchKey", "Status", "PortalKey" ON "AccountSearchKeys"
        WHEN old."SearchKey" IS NOT new."SearchKey" OR old."Status" IS NOT new."Status" OR old."PortalKey" IS NOT new."PortalKey" BEGIN
            INSERT INTO "AccountWords" ("AccountWords", rowid, "SearchKey", "Facets") VALUES ('delete', old."Id", old."SearchKey", old."Facets");
            INSERT INTO "AccountWords" (rowid, "SearchKey", "Facets") VALUES (new."Id", new."SearchKey", new."Facets");
        END;
        """,
        """INSERT INTO "AccountWords" ("AccountWords") VALUES ('rebuild');""",
    ];

    public static readonly string[] SqliteWordFacetsDown =
    [
        """DROP TRIGGER "AccountSearchKeys_words_au";""",
        """DROP TRIGGER "AccountSearchKeys_words_ad";""",
        """DROP TRIGGER "AccountSearchKeys_words_ai";""",
        """DROP TABLE "AccountWords";""",
        """ALTER TABLE "AccountSearchKeys" DROP COLUMN "Facets";""",
        .. SqliteKeysAndWordsUp.SkipWhile(sql => !sql.Contains("CREATE VIRTUAL TABLE \"AccountWords\"", StringComparison.Ordinal)),
    ];

    /// <summary>The word index's column of words (its other column, "Facets", holds each row's status and portal).</summary>
    public const string WordsColumn = "SearchKey";

    /// <summary>
    /// Migration AccountPrefixCounts (PostgreSQL): per word prefix of 1 and 2 characters, per portal and status, how many
    /// accounts have a word that begins with it, kept by statement-level triggers, so a word search's tabs read a few rows
    /// instead of counting its matches (every match is a heap row: 7 ms for 10,000 at 100,000 accounts). The words are the
    /// lexemes of <see cref="PostgresWords"/>, the same the GIN index matches.
    /// </summary>
    public static readonly string[] PostgresPrefixCountsUp =
    [
        """CREATE TABLE "AccountPrefixCounts" ("Prefix" text NOT NULL, "PortalKey" uuid NOT NULL, "Status" integer NOT NULL, "Count" integer NOT NULL, CONSTRAINT "PK_AccountPrefixCounts" PRIMARY KEY ("Prefix", "PortalKey", "Status"));""",
        """
        CREATE FUNCTION aulario_account_prefixes(key text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
            SELECT DISTINCT v.p FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, translate(key, '@._-+', '     ')))) AS w(lexeme),
                LATERAL (VALUES (left(w.lexeme, 1)), (left(w.lexeme, 2))) AS v(p)
        $$;
        """,
        $"""
        CREATE FUNCTION aulario_account_prefix_counts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO "AccountPrefixCounts" AS c ("Prefix", "PortalKey", "Status", "Count")
                SELECT p, coalesce(r."PortalId", {NoPortal}::uuid), r."Status", count(*) FROM new_rows AS r, LATERAL aulario_account_prefixes(r."SearchKey") AS p
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT ("Prefix", "PortalKey", "Status") DO UPDATE SET "Count" = c."Count" + excluded."Count";
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO "AccountPrefixCounts" AS c ("Prefix", "PortalKey", "Status", "Count")
                SELECT p, coalesce(r."PortalId", {NoPortal}::uuid), r."Status", -count(*) FROM old_rows AS r, LATERAL aulario_account_prefixes(r."SearchKey") AS p
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT ("Prefix", "PortalKey", "Status") DO UPDATE SET "Count" = c."Count" + excluded."Count";
            ELSE
                INSERT INTO "AccountPrefixCounts" AS c ("Prefix", "PortalKey", "Status", "Count")
                SELECT p, k, s, sum(d) FROM (
                    SELECT p, coalesce(o."PortalId", {NoPortal}::uuid) AS k, o."Status" AS s, -1 AS d
                    FROM old_rows AS o JOIN new_rows AS n ON n."Id" = o."Id", LATERAL aulario_account_prefixes(o."SearchKey") AS p
                    WHERE o."SearchKey" IS DISTINCT FROM n."SearchKey" OR o."Status" IS DISTINCT FROM n."Status" OR o."PortalId" IS DISTINCT FROM n."PortalId"
                    UNION ALL
                    SELECT p, coalesce(n."PortalId", {NoPortal}::uuid), n."Status", 1
                    FROM old_rows AS o JOIN new_rows AS n ON n."Id" = o."Id", LATERAL aulario_account_prefixes(n."SearchKey") AS p
                    WHERE o."SearchKey" IS DISTINCT FROM n."SearchKey" OR o."Status" IS DISTINCT FROM n."Status" OR o."PortalId" IS DISTINCT FROM n."PortalId") AS changes
                GROUP BY p, k, s HAVING sum(d) <> 0 ORDER BY p, k, s
                ON CONFLICT ("Prefix", "PortalKey", "Status") DO UPDATE SET "Count" = c."Count" + excluded."Count";
            END IF;
            RETURN NULL;
        END $$;
        """,
        """CREATE TRIGGER "Accounts_prefixes_ai" AFTER INSERT ON "Accounts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aulario_account_prefix_counts();""",
        """CREATE TRIGGER "Accounts_prefixes_ad" AFTER DELETE ON "Accounts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aulario_account_prefix_counts();""",
        """CREATE TRIGGER "Accounts_prefixes_au" AFTER UPDATE ON "Accounts" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aulario_account_prefix_counts();""",
        $"""
        INSERT INTO "AccountPrefixCounts" ("Prefix", "PortalKey", "Status", "Count")
        SELECT p, coalesce(a."PortalId", {NoPortal}::uuid), a."Status", count(*) FROM "Accounts" AS a, LATERAL aulario_account_prefixes(a."SearchKey") AS p GROUP BY 1, 2, 3;
        """,
    ];

    public static readonly string[] PostgresPrefixCountsDown =
    [
        """DROP TRIGGER "Accounts_prefixes_au" ON "Accounts";""",
        """DROP TRIGGER "Accounts_prefixes_ad" ON "Accounts";""",
        """DROP TRIGGER "Accounts_prefixes_ai" ON "Accounts";""",
        """DROP FUNCTION aulario_account_prefix_counts();""",
        """DROP FUNCTION aulario_account_prefixes(text);""",
        """DROP TABLE "AccountPrefixCounts";""",
    ];

    /// <summary>Migration AccountListKeysAndWords (PostgreSQL): the word index for short searches.</summary>
    public static readonly string[] PostgresKeysAndWordsUp =
        [$"""CREATE INDEX "IX_Accounts_SearchKey_words" ON "Accounts" USING gin ({PostgresWords});"""];

    public static readonly string[] PostgresKeysAndWordsDown = ["""DROP INDEX "IX_Accounts_SearchKey_words";"""];

    /// <summary>
    /// Migration AccountSearchKeysWithoutAccents: the stored keys folded as <c>AccountSearchTerm.Fold</c> folds new ones (the
    /// letters are spelt out here, as a migration must keep doing what it did; a test holds them equal to Core's). The engines'
    /// triggers re-index the changed keys and recount the word prefixes. Down keeps the folded keys: the accents are gone, and
    /// the earlier code finds them with unaccented terms.
    /// </summary>
    public const string FoldedAccentedLetters = "áàâäãåéèêëíìîïóòôöõúùûüýÿñç";

    /// <inheritdoc cref="FoldedAccentedLetters"/>
    public const string FoldedPlainLetters = "aaaaaaeeeeiiiiooooouuuuyync";

    private static string SqliteFolded(string column) =>
        FoldedAccentedLetters.Select((accented, i) => (Accented: accented, Plain: FoldedPlainLetters[i]))
            .Aggregate(column, (sql, pair) => $"replace({sql}, '{pair.Accented}', '{pair.Plain}')");

    public static readonly string[] SqliteFoldKeysUp =
        [$"""UPDATE "Accounts" SET "SearchKey" = {SqliteFolded("\"SearchKey\"")} WHERE "SearchKey" <> {SqliteFolded("\"SearchKey\"")};"""];

    public static readonly string[] PostgresFoldKeysUp =
    [
        $"""
        UPDATE "Accounts" SET "SearchKey" = translate("SearchKey", '{FoldedAccentedLetters}', '{FoldedPlainLetters}')
        WHERE "SearchKey" <> translate("SearchKey", '{FoldedAccentedLetters}', '{FoldedPlainLetters}');
        """,
    ];

    public static readonly string[] PostgresDown =
    [
        """DROP INDEX "IX_Accounts_Status_SignedIn_LastSignInAt_Email";""",
        """DROP INDEX "IX_Accounts_SignedIn_LastSignInAt_Email";""",
        .. PostgresAccountTriggers.Select(t => $"""DROP TRIGGER "{t}" ON "Accounts";"""),
        """DROP FUNCTION aulario_account_counts();""",
    ];
}
