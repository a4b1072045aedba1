def log = new File(basedir, 'build.log').text
assert log.contains('[agentotel] Weave verification failed.')
assert log.contains('2 annotated methods were not woven, so the annotation would do nothing at run time:')
assert log.contains('com.example.it.Agent#answer(java.lang.String) (@AgentRun)')
assert log.contains('com.example.it.Agent#lookup(java.lang.String) (@Tool)')
assert log.contains('Fix: configure the plugin exactly as README')
