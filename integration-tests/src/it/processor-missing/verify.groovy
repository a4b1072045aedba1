def log = new File(basedir, 'build.log').text
assert log.contains('[agentotel] Weave verification failed.')
assert log.contains('2 annotated methods were not checked by the agentotel annotation processor:')
assert log.contains('com.example.it.Agent#answer(java.lang.String) (@AgentRun)')
assert log.contains('Fix: add agentotel-processor to the maven-compiler-plugin')
assert !log.contains('were not woven')
