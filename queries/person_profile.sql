-- One person's record: name, kind, title, description, aliases, nationalities and roles.
-- Returns: id, name, kind, title, description, born, aliases, nationalities, roles, file, line.
-- Parameters: $person_id.
with
final as (
    select
        p.id, p.name, p.kind, p.title, p.description, p.born,
        (select string_agg(alias, '; ' order by alias) from person_aliases where person_id = p.id) as aliases,
        (select string_agg(c.name, ', ' order by c.name) from person_nationalities n
            join countries c on c.code = n.country where n.person_id = p.id) as nationalities,
        (select string_agg(role, ', ' order by role) from person_roles where person_id = p.id) as roles,
        p.file, p.line
    from people p
    where p.id = $person_id
)
select * from final
