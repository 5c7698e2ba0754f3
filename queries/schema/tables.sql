-- The SwapWatch database: one table per record kind, link tables for lists, and the register of
-- disagreements. Dates are kept as typed (`date`, VARCHAR) and as the span of days they cover
-- (`date_start`, `date_end`) with their precision, so a month-precise date filters correctly.
-- Columns marked (writer) show what another record holds (a speaker's name, an event's title, the
-- sources' names): swapwatch/livedb.py rewrites them for the rows whose record, or the record they
-- show, changed (store.sql: name_quotes and the statements after it).

create table countries (
    code varchar primary key,       -- ISO 3166-1 alpha-3
    name varchar not null,          -- display name from pycountry
    -- Its totals over every event (writer: count_countries in store.sql), what the map shows with no
    -- filter set: events involving it, people its legs released and received (bodies not counted),
    -- events it mediated and hosted, events held in it.
    events integer not null,
    released bigint not null,
    received bigint not null,
    mediated integer not null,
    hosted integer not null,
    venues integer not null,
    -- Of those released and received, the people moved in exchanges (what the overview's and the
    -- exchanges page's "released by each side" show with no filter); NULL: on no exchange's leg.
    swapped_out bigint,
    swapped_in bigint
);

create table sources (
    id varchar primary key,
    outlet varchar not null,
    title varchar,
    published varchar,
    published_start date,
    published_note varchar,
    url varchar,
    article varchar,
    wire varchar,
    language varchar,
    note varchar,
    reliability varchar,
    file varchar not null,
    line integer not null,
    records_citing integer not null -- how many records cite it, in any part (writer: from citations)
);

create table people (
    id varchar primary key,
    name varchar not null,
    kind varchar not null,
    title varchar,
    description varchar not null,
    born varchar,
    nationalities varchar[] not null,   -- as person_nationalities and person_roles hold them, on the
    roles varchar[] not null,           -- person's own row too (a page of people reads them without a join)
    source_ids varchar[] not null,  -- every source the record cites, in any part (sorted, once each)
    sources_label varchar,          -- those sources named (source_label), sorted, '; ' between (writer)
    latest_spell integer not null,  -- the seq of the person's latest detention (see detentions.latest), 0 if none
    file varchar not null,
    line integer not null
);

create table person_aliases (person_id varchar not null, alias varchar not null);
create table person_nationalities (person_id varchar not null, country varchar not null);
create table person_roles (person_id varchar not null, role varchar not null);

create table detentions (
    person_id varchar not null,
    seq integer not null,
    held_by varchar not null,
    arrested varchar,
    arrested_start date,
    arrest_city varchar,
    arrest_country varchar,
    charge varchar,
    sentenced varchar,
    sentence varchar,
    released varchar,
    released_start date,
    released_in varchar,
    note varchar,
    status varchar,                 -- held | released | exchanged (store.sql: refresh_detention_status)
    latest boolean not null,        -- the person's latest spell: latest arrest (unknown: earliest), then seq
    released_in_title varchar,      -- the title of the event released in (writer)
    released_for varchar            -- whom the person was exchanged for in it: the names of the people of
                                    -- their legs' partner_ids, sorted, once each, '; ' between (writer)
);

create table events (
    id varchar primary key,
    kind varchar not null,
    status varchar not null,
    date varchar not null,
    end_date varchar,
    date_start date not null,
    date_end date not null,
    date_precision varchar not null,
    date_note varchar,
    title varchar not null,
    summary varchar not null,
    place_country varchar,
    place_city varchar,
    place_venue varchar,
    source_ids varchar[] not null,  -- every source the record cites, in any part (sorted, once each)
    sources_label varchar,          -- those sources named (source_label), sorted, '; ' between (writer)
    country_names varchar not null, -- the names of its countries (event_countries), sorted, ', ' between
    people_moved bigint not null,   -- people its legs moved, bodies not counted: the best figure
    people_low bigint not null,     -- the fewest its legs allow (records.Figure.least)
    people_high bigint,             -- the most they allow; NULL: no upper bound (an over or withheld leg)
    people_disputed bigint not null, -- of people_moved, those in legs whose direction, count or category is disputed
    disputes integer not null,      -- facts of it on which sources disagree (its disagreements)
    file varchar not null,
    line integer not null
);

create table event_countries (
    event_id varchar not null,
    country varchar not null,
    role varchar not null,
    note varchar,
    first_of_country boolean not null   -- the country's first row in its event (to count events per country)
);

create table legs (
    event_id varchar not null,
    seq integer not null,
    from_country varchar not null,
    to_country varchar not null,
    count integer not null,         -- the best figure (records.Figure.best; 0 when withheld)
    estimate varchar not null,      -- exact | about | range | over | withheld
    count_low integer not null,     -- the fewest people the sources allow (Figure.least)
    count_high integer,             -- the most they allow; NULL: no upper bound (over, withheld)
    disputed boolean not null,      -- sources dispute this leg's direction, count or category
    grp varchar not null,
    date varchar,
    date_start date not null,
    note varchar,
    stage integer not null,         -- the leg's day among its event's leg days (1 = first)
    stages integer not null,        -- how many days the event's legs took place on
    first_of_flow boolean not null, -- the first leg of people (not bodies) from its country to the other in its event
    people_names varchar[],         -- the names of its people, sorted; NULL if it names none (writer)
    event_kind varchar not null     -- its event's kind (to keep the legs of exchanges without a join)
);

create table leg_people (
    event_id varchar not null,
    leg_seq integer not null,
    person_id varchar not null,
    partner_ids varchar[] not null  -- who this person was exchanged for: the people of the event's legs
                                    -- from the country this leg went to (sorted, once each, not the person)
);

create table event_links (
    event_id varchar not null,
    linked_event_id varchar not null,
    relation varchar not null,
    note varchar
);

create table event_topics (event_id varchar not null, topic varchar not null);

-- An event's number in a series that an organisation numbers ("the UAE's 18th mediation").
create table event_series (
    event_id varchar not null,
    series_id varchar not null,     -- the organisation (a people record) that numbers the series
    number integer not null,
    source_ids varchar[] not null
);

-- Organisations involved in an event beside its countries, with their role.
create table event_actors (
    event_id varchar not null,
    actor_id varchar not null,
    role varchar not null,
    note varchar
);

-- Totals that sources state, as sourced claims beside the legs: for the event itself (series NULL),
-- or a running total of a series up to as_of. Figures as on legs (best, low, high, estimate).
create table reported_totals (
    event_id varchar not null,
    seq integer not null,
    what varchar not null,
    by_id varchar,
    series_id varchar,
    from_country varchar,
    to_country varchar,
    groups varchar[] not null,      -- the leg groups it counts; [] = every group but bodies
    count integer not null,
    estimate varchar not null,
    count_low integer not null,
    count_high integer,
    as_of varchar not null,         -- the date it runs to (the event's date when not given)
    as_of_end date not null,        -- the last day of as_of
    note varchar,
    source_ids varchar[] not null
);

create table quotes (
    id varchar primary key,
    speaker_id varchar not null,
    date varchar not null,
    date_start date not null,
    date_end date not null,
    text varchar not null,
    language varchar not null,
    translation varchar,
    channel varchar not null,
    place_country varchar,
    place_city varchar,
    context varchar not null,
    event_id varchar,
    topics varchar[] not null,      -- as quote_topics holds them, on the quote's own row too
    source_ids varchar[] not null,  -- every source the record cites, in any part (sorted, once each)
    sources_label varchar,          -- those sources named (source_label), sorted, '; ' between (writer)
    speaker_name varchar,           -- the speaker's name (writer)
    event_title varchar,            -- the title of the event it is about, if any (writer)
    file varchar not null,
    line integer not null
);

create table quote_topics (quote_id varchar not null, topic varchar not null);

-- record_type: source | person | event | quote; part says which piece cites it ('' = the record)
create table citations (
    record_type varchar not null,
    record_id varchar not null,
    part varchar not null,
    source_id varchar not null
);

create table disagreements (
    id varchar primary key,         -- <record id>/<n>
    record_type varchar not null,
    record_id varchar not null,
    field varchar not null,
    topic varchar not null,
    note varchar,
    record_label varchar,           -- the disputed record's title (event) or name (person); a quote's is
                                    -- its speaker's name and date, from another record: looked up
    file varchar not null,
    line integer not null
);

create table disagreement_values (
    disagreement_id varchar not null,
    seq integer not null,
    value varchar not null,
    source_ids varchar[] not null,
    sources_label varchar           -- its sources, named as in a sources column (writer)
);

create table problems (
    file varchar not null,
    line integer not null,
    code varchar not null,
    message varchar not null,
    severity varchar not null
);

create table data_files (
    file varchar not null,
    modified timestamp,
    bytes bigint
);

-- People moved from each releasing country to each receiving one over every event, bodies not
-- counted (writer: count_flows in store.sql; flow_totals in macros.sql), the map's arrows and flows
-- table with no filter set.
create table country_flows (
    from_country varchar not null,
    to_country varchar not null,
    people bigint not null,
    events bigint not null
);

-- Exchanges between each pair of countries over every exchange (writer: count_pairs in store.sql;
-- pair_totals in macros.sql), what the exchanges page shows with no filter set. a < b (codes).
create table country_pairs (
    a varchar not null,
    b varchar not null,
    exchanges bigint not null,
    people_a_to_b bigint not null,
    people_b_to_a bigint not null
);

-- The overview's headline figures over every event (writer: count_headline in store.sql; headline_of
-- in macros.sql, and count_headline), what the overview shows with no filter set: one row.
create table headline_figures (
    events bigint not null,
    exchanges_completed bigint not null,
    people_exchanged bigint not null,
    people_exchanged_low bigint not null,
    people_exchanged_high bigint,       -- NULL: no upper bound
    people_disputed bigint not null,
    proposals_pending bigint not null,
    disagreements bigint not null,      -- on every record (events, people, quotes)
    people_still_held bigint not null,
    quotes bigint not null              -- every quote
);
insert into headline_figures values (0, 0, 0, 0, 0, 0, 0, 0, 0, 0);  -- (no records yet)

-- The timeline's points over every event (writer: count_timeline in store.sql; timeline_of in
-- macros.sql), what the overview draws with no filter set.
create table timeline_points (
    kind varchar not null,
    x timestamp not null,           -- where the point sits: its event's day, or the month's first
    events bigint not null,
    title varchar,                  -- of the latest event of the kind that month
    status varchar,
    date varchar
);
