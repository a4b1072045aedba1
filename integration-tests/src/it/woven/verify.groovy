def log = new File(basedir, 'build.log').text
assert log.contains('[agentotel] Weave verification: 2 annotated methods, all woven.')
