// The build failed on the protocol error, located, with the caret snippet and the hint.
def log = new File(basedir, 'build.log').text
assert log.contains('broken.choreo:3:14: error[E102]: undefined role \'Seler\'')
assert log.contains('    3 |     Buyer -> Seler: Offer;')
assert log.contains('^^^^^')
assert log.contains('have errors (see above): 1 problem in 1 file')
assert !new File(basedir, 'target/generated-sources/choreo').exists()
return true
