-- Problems found when the data was validated, most serious first; knock-ons after their causes.
-- Returns: file, line, code, message, severity, errors, warnings (how many of each in all), total_rows.
-- Parameters: $limit (rows to return; NULL for all).
with
counts as (
    select count(*) filter (where severity = 'error') as errors,
           count(*) filter (where severity <> 'error') as warnings,
           count(*) as total_rows
    from problems
),
page as (
    select file, line, code, message, severity
    from problems
    order by severity = 'warning', code = 'knock-on', file, line, code, message
    limit $limit
),
final as (
    select p.*, c.errors, c.warnings, c.total_rows
    from page p cross join counts c
    order by p.severity = 'warning', p.code = 'knock-on', p.file, p.line, p.code, p.message
)
select * from final
