// name: applications_by_domain
// description: Applications per service domain (the `Domain Layanan` column: layanan publik, administrasi pemerintahan): how many, how many OPDs run them, how many serve no business process.
// params: dataset (string), version (integer: the published version, bound by cascade)
// columns: domain, applications, opds, unused
// mode: read
MATCH (a:Application {dataset: $dataset, version: $version})
WITH a, NOT EXISTS { (:Process)-[:CASCADES_TO]->(a) } AS unused
RETURN coalesce(a.`Domain Layanan`, '(none)') AS domain, count(a) AS applications,
  count(DISTINCT a.opd) AS opds, sum(CASE WHEN unused THEN 1 ELSE 0 END) AS unused
ORDER BY applications DESC, domain
