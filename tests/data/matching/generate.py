# Writes contacts.csv and attendees.csv here. The people and their variations are written by hand
# below; only the list split (a person at most once per conference list) and the filler
# strangers at the end are computed. Run: python3 generate.py
# Generates tests/data/matching/{contacts,attendees}.csv: hand-curated people, deterministic variations.
import csv, os, random
HERE = os.path.dirname(os.path.abspath(__file__))
random.seed(7)
R = random.Random(7)
people = [
 # given, middle, family, org, city, email, linkedin slug
 ("José","","Peña","Globe Telecom Inc.","Makati","jose.pena@globe.com.ph","jose-pena-1a2b"),
 ("María","Luisa","Santos","Ayala Land, Inc.","Makati","mlsantos@ayalaland.com",""),
 ("Maria","","Santos","Jollibee Foods Corporation","Pasig","maria.santos@gmail.com","mariasantos"),
 ("John","","Smith","Acme Corp.","Boston","jsmith@acme.com","john-smith-acme"),
 ("John","Paul","Smith","Initech LLC","Austin","jp.smith@initech.io",""),
 ("Robert","","Johnson","The Boeing Company","Seattle","robert.johnson@boeing.com","rjohnson"),
 ("William","","Turner","Stripe","San Francisco","bill@stripe.com",""),
 ("Katherine","","Reyes","Accenture","Taguig","kreyes@accenture.com","katherine-reyes"),
 ("Elizabeth","","Garcia","Banco Santander S.A.","Madrid","egarcia@santander.es",""),
 ("James","","O'Brien","Intel Corporation","Portland","james.obrien@intel.com","jobrien"),
 ("Michael","","Chen","Google LLC","Mountain View","mchen@google.com","michaelchen"),
 ("Anthony","","Delgado","Telefónica","Madrid","anthony.delgado@telefonica.com",""),
 ("Sofia","","Villanueva","UnionBank of the Philippines","Pasig","sofia.villanueva@unionbank.com","sofiavillanueva"),
 ("Francisco","","Hernández","Grupo Bimbo","Mexico City","fhernandez@grupobimbo.com",""),
 ("Ignacio","","Ruiz","BBVA","Bilbao","ignacio.ruiz@bbva.com","ignacioruiz"),
 ("Dolores","","Fernández","Iberdrola S.A.","Bilbao","dfernandez@iberdrola.es",""),
 ("Consuelo","","Aquino","Ateneo de Manila University","Quezon City","caquino@ateneo.edu",""),
 ("Jürgen","","Müller","Siemens AG","Munich","juergen.mueller@siemens.com","juergenmueller"),
 ("Christopher","","Nguyen","Microsoft Corporation","Redmond","chnguyen@microsoft.com",""),
 ("Margaret","","Thompson","Deloitte LLP","London","mthompson@deloitte.co.uk","margaret-thompson"),
 ("Richard","","Lim","Smart Communications, Inc.","Makati","richard.lim@smart.com.ph",""),
 ("Patricia","","Cruz","Philippine Airlines","Pasay","pcruz@pal.com.ph",""),
 ("Eduardo","","dela Cruz","San Miguel Corporation","Mandaluyong","eduardo.delacruz@sanmiguel.com.ph","edelacruz"),
 ("Alejandro","","Gómez","Mercado Libre","Buenos Aires","agomez@mercadolibre.com",""),
 ("Guadalupe","","Torres","Cemex","Monterrey","lupe.torres@cemex.com",""),
 ("Rosario","","Mendoza","BDO Unibank, Inc.","Manila","rosario.mendoza@bdo.com.ph",""),
 ("Jonathan","","Baker","Shopify Inc.","Ottawa","jon.baker@shopify.com","jonathanbaker"),
 ("Daniel","","Kowalski","Allegro","Warsaw","daniel.kowalski@allegro.pl",""),
 ("Benjamin","","Wright","The New York Times Company","New York","ben.wright@nytimes.com","benwright"),
 ("Samantha","","Lee","Grab Holdings","Singapore","samantha.lee@grab.com",""),
 ("Alexander","","Ivanov","JetBrains s.r.o.","Prague","alexander.ivanov@jetbrains.com","aivanov"),
 ("Victoria","","Ramos","Rappler","Pasig","vicky.ramos@rappler.com",""),
 ("Teresa","","Bautista","Meralco","Pasig","tbautista@meralco.com.ph",""),
 ("Ramon","","Magsaysay","Petron Corporation","Mandaluyong","ramon.magsaysay@petron.com",""),
 ("Josefina","","Castillo","Universidad de Chile","Santiago","jcastillo@uchile.cl",""),
 ("Manuel","","Ortiz","Inditex","A Coruña","manuel.ortiz@inditex.com","manuelortiz"),
 ("Catherine","","Murphy","Salesforce, Inc.","Dublin","cmurphy@salesforce.com",""),
 ("Andrew","","Campbell","Atlassian Corporation","Sydney","andrew.campbell@atlassian.com","andrewcampbell"),
 ("Jennifer","","Walsh","Pfizer Inc.","New York","jennifer.walsh@pfizer.com",""),
 ("Thomas","","Schmidt","SAP SE","Walldorf","thomas.schmidt@sap.com","thomasschmidt"),
 ("Ricardo","","Domínguez","Cinépolis","Morelia","rdominguez@cinepolis.com",""),
 ("Antonio","","Navarro","Repsol","Madrid","antonio.navarro@repsol.com",""),
 ("Carmen","","Jiménez","El País","Madrid","cjimenez@elpais.es",""),
 ("Mercedes","","Salazar","Bancolombia","Medellín","msalazar@bancolombia.com.co",""),
 ("Gregorio","","Tan","Security Bank Corporation","Makati","greg.tan@securitybank.com",""),
 ("Rogelio","","Santiago","Converge ICT Solutions Inc.","Pasig","rogelio.santiago@converge.com.ph",""),
 ("Jesus","","Villareal","Shakey's Pizza Asia Ventures","Parañaque","jvillareal@shakeys.ph",""),
 ("Reynaldo","","Pascual","Department of Education","Pasig","reynaldo.pascual@deped.gov.ph",""),
 ("Maricel","","Soriano","ABS-CBN Corporation","Quezon City","maricel.soriano@abs-cbn.com",""),
 ("Ferdinand","","Ocampo","Thinking Machines Data Science","Taguig","ferdie@thinkingmachin.es","ferdinandocampo"),
 ("Stephanie","","Go","Kumu","Pasig","steph.go@kumu.ph",""),
 ("Nicholas","","Foster","Red Hat, Inc.","Raleigh","nfoster@redhat.com","nickfoster"),
 ("Elena","","Popescu","UiPath","Bucharest","elena.popescu@uipath.com",""),
 ("Lorenzo","","Bianchi","Ferrari N.V.","Maranello","lorenzo.bianchi@ferrari.com",""),
 ("Olivia","","Brown","Canva Pty Ltd","Sydney","olivia.brown@canva.com","oliviabrown"),
 ("Harold","","Jenkins","Lockheed Martin","Bethesda","harold.jenkins@lmco.com",""),
 ("Peter","","Novak","Avast Software","Prague","peter.novak@avast.com",""),
 ("Lucia","","Morales","Universidad Nacional Autónoma de México","Mexico City","lmorales@unam.mx",""),
 ("Isabel","","Rojas","LATAM Airlines Group","Santiago","isabel.rojas@latam.com",""),
 ("Fernando","","Aguilar","Banorte","Monterrey","faguilar@banorte.com",""),
 ("Arturo","","Vargas","Oxxo","Monterrey","avargas@oxxo.com",""),
 ("Angelica","","Panganiban","Manila Water Company, Inc.","Quezon City","angelica.panganiban@manilawater.com",""),
 ("Rodrigo","","Estrada","Cebu Pacific","Pasay","rodrigo.estrada@cebupacificair.com",""),
 ("Editha","","Macaraeg","Philippine General Hospital","Manila","emacaraeg@pgh.gov.ph",""),
 ("Virgilio","","Dimaculangan","Lyceum of the Philippines","Batangas","vdimaculangan@lpu.edu.ph",""),
 ("Natividad","","Salonga","Mercury Drug Corporation","Quezon City","nsalonga@mercurydrug.com",""),
 ("Leonardo","","Buenaventura","Aboitiz Equity Ventures","Cebu City","leonardo.buenaventura@aboitiz.com",""),
 ("Corazon","","Villafuerte","Robinsons Land Corporation","Pasig","cora.villafuerte@robinsonsland.com",""),
 ("Emmanuel","","Lacson","PLDT Inc.","Makati","emmanuel.lacson@pldt.com.ph","emmanuellacson"),
 ("Danilo","","Reyes","Jollibee Foods Corporation","Pasig","danilo.reyes@jfc.com.ph",""),
 ("Stephen","","Clarke","BBC","London","stephen.clarke@bbc.co.uk",""),
 ("Deborah","","Hughes","NHS England","Leeds","debbie.hughes@nhs.net",""),
 ("Susan","","Parker","Amazon.com, Inc.","Seattle","susan.parker@amazon.com","susanparker"),
 ("Charles","","Mitchell","JPMorgan Chase & Co.","New York","charles.mitchell@jpmorgan.com",""),
 ("Joseph","","Russo","Mozilla Corporation","Toronto","jrusso@mozilla.com",""),
 ("Edward","","Kim","Samsung Electronics Co., Ltd.","Seoul","edward.kim@samsung.com","edwardkim"),
 ("Timothy","","Walker","GitHub, Inc.","San Francisco","twalker@github.com",""),
 ("Matthew","","Evans","Cloudflare, Inc.","Austin","matt.evans@cloudflare.com","mattevans"),
 ("Abigail","","Foster","Duolingo","Pittsburgh","abby.foster@duolingo.com",""),
 ("Rebecca","","Stone","Spotify AB","Stockholm","rebecca.stone@spotify.com",""),
 ("Frederick","","Hall","Rolls-Royce Holdings plc","Derby","fred.hall@rolls-royce.com",""),
 ("Dorothy","","Ward","Mayo Clinic","Rochester","dward@mayo.edu",""),
 ("Lawrence","","Gray","Bloomberg L.P.","New York","lgray@bloomberg.net",""),
 ("Raymond","","Cooper","Oracle Corporation","Austin","raymond.cooper@oracle.com",""),
 ("Gabriel","","Silva","Nubank","São Paulo","gabriel.silva@nubank.com.br","gabrielsilva"),
 ("Beatriz","","Costa","Itaú Unibanco","São Paulo","beatriz.costa@itau.com.br",""),
 ("Concepcion","","Dizon","Bank of the Philippine Islands","Makati","concepcion.dizon@bpi.com.ph",""),
 ("Purificacion","","Lopez","Mapfre","Madrid","plopez@mapfre.com",""),
 ("Enrique","","Salvador","Telefónica","Madrid","enrique.salvador@telefonica.com",""),
 ("Santiago","","Herrera","Rappi","Bogotá","santiago.herrera@rappi.com",""),
 ("Valentina","","Rossi","Eni S.p.A.","Milan","valentina.rossi@eni.com",""),
 ("Kenneth","","Yap","Globe Telecom Inc.","Taguig","kenneth.yap@globe.com.ph",""),
 ("Adrian","","Co","PayMaya Philippines, Inc.","Mandaluyong","adrian.co@paymaya.com",""),
 ("Bienvenido","","Lumbera","University of the Philippines","Quezon City","blumbera@up.edu.ph",""),
 ("Priscilla","","Gonzaga","Ayala Corporation","Makati","priscilla.gonzaga@ayala.com.ph",""),
 ("Wilfredo","","Navarro","DOST","Taguig","wilfredo.navarro@dost.gov.ph",""),
 ("Zenaida","","Castro","St. Luke's Medical Center","Quezon City","zcastro@stluke.com.ph",""),
 ("Marcus","","Johansson","Ericsson","Stockholm","marcus.johansson@ericsson.com",""),
 ("Hannah","","Schneider","Bosch GmbH","Stuttgart","hannah.schneider@bosch.com",""),
 ("Laura","","Martínez","Universidad de Buenos Aires","Buenos Aires","lmartinez@uba.ar",""),
 ("Patrick","","O'Connor","Trinity College Dublin","Dublin","patrick.oconnor@tcd.ie",""),
 ("Theodore","","Bishop","Harvard University","Cambridge","ted.bishop@harvard.edu",""),
 ("Alfredo","","Sison","Metrobank","Makati","alfredo.sison@metrobank.com.ph",""),
 ("Rosalinda","","Ilagan","Lazada Philippines","Taguig","rosalinda.ilagan@lazada.com.ph",""),
 ("Jeffrey","","Ong","Shopee","Singapore","jeffrey.ong@shopee.com",""),
 ("Cristina","","Ferrer","CaixaBank","Barcelona","cferrer@caixabank.com",""),
 ("Pilar","","Romero","Universidad Complutense","Madrid","pilar.romero@ucm.es",""),
 ("Vicente","","Sotto","GMA Network","Quezon City","vicente.sotto@gmanetwork.com",""),
 ("Armando","","Diaz","Walmart de México","Mexico City","armando.diaz@walmex.mx",""),
 ("Mary","","Johnson","Kaiser Permanente","Oakland","mary.johnson@kp.org",""),
 ("Mary","","Johnson","Target Corporation","Minneapolis","mjohnson@target.com",""),
 ("David","","Miller","Uber Technologies","San Francisco","david.miller@uber.com","davidmiller"),
 ("Juan","Carlos","Rodríguez","Despegar","Buenos Aires","juancarlos.rodriguez@despegar.com",""),
 ("Ana","","Reyes","Globe Telecom Inc.","Taguig","ana.reyes@globe.com.ph",""),
 ("Leticia","","Manalo","Manila Electric Company","Pasig","leticia.manalo@meralco.com.ph",""),
 ("Francis","","Ong","Xendit","Taguig","francis.ong@xendit.co",""),
 ("Charlotte","","Davies","Arm Ltd","Cambridge","charlotte.davies@arm.com",""),
 ("Sebastian","","Vogel","Zalando SE","Berlin","sebastian.vogel@zalando.de",""),
 ("Agnes","","Tolentino","Philippine Stock Exchange","Taguig","atolentino@pse.com.ph",""),
 # issue 15: the kinds a real list missed (c120 on)
 ("Björn","","Cruz","Kumon Philippines","Makati","bjorn.cruz@kumon.ph",""),
 ("José","","Costa","Atlassian Corporation","Sydney","jcosta@atlassian.com",""),
 ("Chloé","L.","Nakamura","Shopee","Singapore","chloe.nakamura@shopee.com",""),
 ("Kristine","","Mendoza","Freelance","Quezon City","kristine.mendoza@proton.me",""),
 ("Jennifer","","Fernández","University of the Philippines","Quezon City","jfernandez@up.edu.ph",""),
 ("Daniel","M.","Silva","Globe Telecom Inc.","Taguig","daniel.silva@globe.com.ph",""),
 ("Søren","","Lindqvist","Ericsson","Stockholm","soren.lindqvist@ericsson.com",""),
 ("Raúl","","Ibáñez","Mercado Libre","Buenos Aires","raul.ibanez@mercadolibre.com",""),
 ("Dolores","","Muñoz","Freelance","Madrid","lola.munoz@gmail.com",""),
 ("Marites","","Galang","Self-employed","Cebu City","marites.galang@yahoo.com",""),
 ("Aurora","","Tiongco","Kumon","Davao","aurora.tiongco@kumon.ph",""),
 ("Wilfredo","","Pangilinan","Department of Science and Technology","Taguig","wpangilinan@dost.gov.ph",""),
]
contacts = []
for i,(g,m,f,org,city,email,li) in enumerate(people):
    cid = "c%03d" % (i+1)
    name = " ".join(x for x in (g,m,f) if x)
    contacts.append(dict(id=cid,name=name,g=g,m=m,f=f,org=org,city=city,email=email,li=li))
with open(os.path.join(HERE, "contacts.csv"),"w",newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["id","name","emails","organization","city","linkedin"])
    for c in contacts:
        w.writerow([c["id"],c["name"],c["email"],c["org"],c["city"],
                    ("https://www.linkedin.com/in/%s" % c["li"]) if c["li"] else ""])
# name, email, organization, city, linkedin, expected
A = [
 # email variants
 ("Jose Pena","JOSE.PENA@GLOBE.COM.PH","","","","c001"),
 ("M. Santos","maria.santos+devcon@gmail.com","","","","c003"),
 ("Maria S.","mariasantos@googlemail.com","","","","c003"),
 ("R. Johnson","Robert.Johnson@Boeing.com","Boeing","","","c006"),
 ("Bill T","bill@STRIPE.com","","","","c007"),
 ("Chris Nguyen","chnguyen@microsoft.com","Microsoft","Seattle","","c019"),
 ("G. Torres","lupe.torres@cemex.com","","","","c025"),
 ("Dan Kowalski","Daniel.Kowalski@allegro.pl","","","","c028"),
 ("Sam Lee","samantha.lee@grab.com","Grab","","","c030"),
 ("Ferdie Ocampo","ferdie@thinkingmachin.es","","","","c050"),
 # different domain, same local part: not the same email, name differs -> no match
 ("Jorge Pena","jose.pena@yahoo.com","","","",""),
 ("Mario Santos","maria.santos@yahoo.com","Jollibee Foods Corp","","",""),
 ("Brian Turner","bill@turnerlaw.com","Turner Law","Chicago","",""),
 # linkedin variants
 ("J. Pena","","","","https://ph.linkedin.com/in/Jose-Pena-1a2b/?originalSubdomain=ph","c001"),
 ("Michael C.","","","","linkedin.com/in/MichaelChen","c010"),
 ("Kate R.","","","","http://www.linkedin.com/in/katherine-reyes/","c008"),
 ("Jim O'Brien","","","","https://www.linkedin.com/in/jobrien?trk=public_profile","c009"),
 ("Ignacio R","","","","www.linkedin.com/in/ignacioruiz/","c015"),
 ("Ben W.","","","","https://linkedin.com/in/benwright#experience","c029"),
 ("Gabe Silva","","","","https://br.linkedin.com/in/gabrielsilva","c084"),
 # Last, First
 ("Santos, Maria Luisa","","Ayala Land","Makati","","c002"),
 ("Chen, Michael","","Google","","","c011"),
 ("Delgado, Anthony","","Telefonica","Madrid","","c012"),
 ("Hernandez, Francisco","","Grupo Bimbo S.A.B. de C.V.","","","c014"),
 ("Thompson, Margaret","","Deloitte","","","c020"),
 ("Baker, Jonathan","","Shopify","","","c027"),
 ("Castillo, Josefina","","","Santiago","","c035"),
 ("Murphy, Catherine","","Salesforce","","","c037"),
 ("Schmidt, Thomas","","SAP","","","c040"),
 ("Lacson, Emmanuel","","PLDT","","","c069"),
 # middle names and initials
 ("Jose M. Pena","","Globe Telecom","","","c001"),
 ("Maria L. Santos","","Ayala Land Inc","","","c002"),
 ("John P. Smith","","Initech","","","c005"),
 ("Robert A. Johnson","","Boeing","Seattle","","c006"),
 ("Katherine Anne Reyes","","Accenture","","","c008"),
 ("Elizabeth R. Garcia","","Santander","Madrid","","c009x"),
 ("Andrew J Campbell","","Atlassian","","","c038"),
 ("Jennifer L. Walsh","","Pfizer","","","c039"),
 ("Harold B. Jenkins","","Lockheed Martin Corporation","","","c056"),
 ("Juan Rodriguez","","Despegar.com","Buenos Aires","","c111"),
 # honorifics and suffixes
 ("Dr. Consuelo Aquino","","Ateneo de Manila University","","","c017"),
 ("Prof. Jürgen Müller","","Siemens","","","c018"),
 ("Atty. Ramon Magsaysay Jr.","","Petron","","","c034"),
 ("Engr. Reynaldo Pascual","","DepEd","","","c048"),
 ("Mr. Richard Lim","","Smart Communications","","","c021"),
 ("Ms. Patricia Cruz","","Philippine Airlines","","","c022"),
 ("Mrs. Dorothy Ward","","Mayo Clinic","","","c083"),
 ("Lawrence Gray III","","Bloomberg","","","c084x"),
 ("Dr. Editha Macaraeg, MD","","PGH","Manila","","c064"),
 ("Bienvenido Lumbera PhD","","University of the Philippines","","","c095"),
 ("Raymond Cooper Sr.","","Oracle","Austin","","c085"),
 # nicknames: English
 ("Bob Johnson","","Boeing","","","c006"),
 ("Bill Turner","","Stripe, Inc.","","","c007"),
 ("Kathy Reyes","","Accenture","","","c008"),
 ("Liz Garcia","","Banco Santander","","","c009x"),
 ("Jim OBrien","","Intel","","","c010x"),
 ("Mike Chen","","Google","","","c011"),
 ("Tony Delgado","","Telefónica S.A.","","","c012"),
 ("Maggie Thompson","","Deloitte","London","","c020"),
 ("Chris Nguyen","","Microsoft","","","c019"),
 ("Nick Foster","","Red Hat","","","c052"),
 ("Steve Clarke","","BBC","London","","c072"),
 ("Debbie Hughes","","NHS","Leeds","","c073"),
 ("Sue Parker","","Amazon","","","c074"),
 ("Chuck Mitchell","","JP Morgan Chase","New York","","c075"),
 ("Joe Russo","","Mozilla","","","c076"),
 ("Ted Kim","","Samsung Electronics","","","c077"),
 ("Tim Walker","","GitHub","","","c078"),
 ("Abby Foster","","Duolingo Inc.","","","c080"),
 ("Becky Stone","","Spotify","","","c081"),
 ("Fred Hall","","Rolls-Royce","","","c082"),
 ("Larry Gray","","Bloomberg LP","","","c084x"),
 ("Ray Cooper","","Oracle","","","c085"),
 ("Ted Bishop","","Harvard University","","","c105"),
 ("Jeff Ong","","Shopee","Singapore","","c109"),
 ("Alex Ivanov","","JetBrains","","","c031"),
 # nicknames: Spanish
 ("Pepe Peña","","Globe Telecom","","","c001"),
 ("Paco Hernández","","Grupo Bimbo","Mexico City","","c014"),
 ("Nacho Ruiz","","BBVA","","","c015"),
 ("Lola Fernandez","","Iberdrola","","","c016"),
 ("Chelo Aquino","","Ateneo de Manila","","","c017"),
 ("Lupe Torres","","CEMEX","","","c025"),
 ("Charo Mendoza","","BDO Unibank","","","c026"),
 ("Pepita Castillo","","Universidad de Chile","","","c035"),
 ("Manolo Ortiz","","Inditex","","","c036"),
 ("Toño Navarro","","Repsol","","","c042"),
 ("Meche Salazar","","Bancolombia","","","c044"),
 ("Goyo Tan","","Security Bank","","","c045"),
 ("Chuy Villareal","","Shakey's","","","c047"),
 ("Concha Dizon","","BPI","Makati","","c087"),
 ("Pura Lopez","","Mapfre","Madrid","","c088"),
 ("Kike Salvador","","Telefonica","","","c089"),
 ("Santi Herrera","","Rappi","","","c090"),
 ("Lalo dela Cruz","","San Miguel Corp","","","c023"),
 ("Alex Gomez","","Mercado Libre","","","c024"),
 ("Pili Romero","","Universidad Complutense de Madrid","","","c107"),
 # nicknames: Filipino
 ("Pia Villanueva","","UnionBank","","","c013"),
 ("Chard Lim","","Smart","Makati","","c021"),
 ("Bong Magsaysay","","Petron Corp.","","","c034"),
 ("Jun Pascual","","Department of Education","","","c048"),
 ("Rey Pascual","","DepEd","Pasig","","c048x"),
 ("Cora Villafuerte","","Robinsons Land","","","c068"),
 ("Maning Lacson","","PLDT","Makati","","c069"),
 ("Danny Reyes","","Jollibee","","","c070"),
 ("Dodong Sison","","Metrobank","","","c106"),
 ("Weng Navarro","","DOST","","","c097"),
 ("Zeny Castro","","St. Luke's","","","c098"),
 ("Rosie Ilagan","","Lazada","","","c107x"),
 ("Thess Bautista","","Meralco","","","c033"),
 ("Ging Buenaventura","","Aboitiz","Cebu","","c067x"),
 ("Baby Salonga","","Mercury Drug","","","c066"),
 ("Jojo Ocampo","","Thinking Machines","","","c050"),
 ("Vic Sotto","","GMA","","","c108"),
 ("Nanette Salonga","","","","",""),
 # accents
 ("Jurgen Mueller","","Siemens","Munich","","c018"),
 ("Juergen Muller","","Siemens AG","","","c018"),
 ("Ricardo Dominguez","","Cinepolis","","","c041"),
 ("CARMEN JIMENEZ","","El Pais","","","c043"),
 ("Lucía Morales","","UNAM","","","c058"),
 ("Beatriz Costa","","Itau Unibanco","","","c085x"),
 ("Laura Martinez","","UBA","Buenos Aires","","c102"),
 # typos
 ("Jonh Smith","","Acme Inc","","","c004"),
 ("Katherine Reyess","","Accenture","","","c008"),
 ("Chirstopher Nguyen","","Microsoft Corp","","","c019"),
 ("Alejandro Gomes","","MercadoLibre","","","c024"),
 ("Rosario Mendosa","","BDO","Manila","","c026"),
 ("Daniel Kowalsky","","","Warsaw","","c028"),
 ("Samantha Leigh","","Grab","","","c030"),
 ("Virgilio Dimaculanagn","","Lyceum of the Philippines University","","","c065"),
 ("Natividad Salanga","","Mercury Drug Corp","","","c066"),
 ("Leonardo Buenavenutra","","Aboitiz Equity Ventures Inc.","","","c067"),
 ("Angelica Panganiban","","Manila Water","","","c062"),
 ("Fernado Aguilar","","Banorte","","","c060"),
 ("Stephanie Goh","","Kumu","","","c051"),
 ("Lorenzo Bianci","","Ferrari","Maranello","","c054"),
 ("Priscila Gonzaga","","Ayala Corp","","","c100"),
 # organisation variants and same name + organisation
 ("Edward Kim","","Samsung","","","c077"),
 ("Olivia Brown","","Canva","","","c055"),
 ("Susan Parker","","Amazon","","","c074"),
 ("Marcus Johansson","","Ericsson AB","","","c103"),
 ("Hannah Schneider","","Robert Bosch GmbH","","","c104"),
 ("Valentina Rossi","","ENI","","","c091"),
 ("Charlotte Davies","","ARM Limited","","","c117"),
 ("Sebastian Vogel","","Zalando","","","c118"),
 ("Agnes Tolentino","","PSE","","","c119"),
 ("Adrian Co","","PayMaya","","","c093"),
 ("Kenneth Yap","","Globe","","","c092"),
 ("Ana Reyes","","Globe Telecom, Inc.","","","c113"),
 # same name alone
 ("Peter Novak","","","","","c057"),
 ("Elena Popescu","","","","","c053"),
 ("Isabel Rojas","","","","","c059"),
 ("Arturo Vargas","","","","","c061"),
 ("Rodrigo Estrada","","","","","c063"),
 ("Teresa Bautista","","","","","c033"),
 ("Cristina Ferrer","","","","","c106x"),
 ("Armando Diaz","","","","","c110"),
 ("Leticia Manalo","","","","","c114"),
 ("Francis Ong","","","","","c115"),
 # hard negatives: same common name, different person
 ("Maria Santos","","SM Supermalls","Cebu City","",""),
 ("Maria Santos","","Jollibee Foods Corp.","Pasig","","c003"),
 ("John Smith","","Walmart","Bentonville","",""),
 ("Mary Johnson","","Kaiser Permanente","","","c111x"),
 ("Mary Johnson","","Target","Minneapolis","","c112"),
 ("Mary Johnson","","Mayo Clinic","Rochester","",""),
 ("David Miller","","Ford Motor Company","Detroit","",""),
 ("Ana Reyes","","Petron","Bataan","",""),
 ("Danilo Reyes","","Meralco","Pasig","",""),
 ("Juan Carlos Rodriguez","","Banco Galicia","Córdoba","",""),
 ("Michael Chen","","Tencent","Shenzhen","",""),
 ("Daniel Kim","","Samsung","Seoul","",""),
 # same organisation, different person
 ("Grace Lim","","Smart Communications","Makati","",""),
 ("Ramon Cruz","","Philippine Airlines","","",""),
 ("Peter Wong","","Google","Mountain View","",""),
 ("Sarah Connor","","Acme Corp","Boston","",""),
 ("Carlos Pena","","Globe Telecom","Makati","",""),
 ("Joseph Santos","","Ayala Land","Makati","",""),
 ("Luis Garcia","","Santander","Madrid","",""),
 ("Ella Turner","","Stripe","San Francisco","",""),
 ("Kate Chen","","Google","","",""),
 ("Robert Jones","","Boeing","Seattle","",""),
 # similar names, different everything
 ("Jon Smyth","jon.smyth@outlook.com","Barclays","Manchester","",""),
 ("Jon Baker","","Tesco","Leeds","",""),
 ("Joseph Pena","","Chowking","Davao","",""),
 ("Marie Santos","","Nestle","Geneva","",""),
 ("Roberta Johnson","","Nike","Portland","",""),
 ("Catherine Reyes","","Unilever","Davao","",""),
 ("Michelle Chen","","Apple","Cupertino","",""),
 ("Patrick Connor","","Google","Dublin","",""),
 ("Eduardo Cruz","","Ayala Corp","Makati","",""),
 ("Elizabeth Gracia","","Zara","A Coruña","",""),
]
first = ["Liam","Noah","Emma","Ava","Sophia","Isabella","Mia","Ethan","Lucas","Mateo","Camila","Valeria","Diego","Andres",
 "Paolo","Kristine","Jericho","Angeline","Mark","Erwin","Rhea","Lovely","Princess","Jayson","Rowena","Arnel","Hiroshi","Yuki",
 "Aisha","Omar","Fatima","Ravi","Priya","Chloe","Zoe","Oscar","Felipe","Ines","Hugo","Marta"]
last = ["Dumalagan","Alcaraz","Yamamoto","Patel","Okafor","Haddad","Lindqvist","Novotny","Fischer","Moreau","Duarte","Quispe",
 "Maglaya","Tiongson","Agbayani","Cabrera","Sandoval","Bergstrom","Nakamura","Kaur","Mensah","Ibarra","Zamora","Gallardo"]
orgs = ["Globe Telecom","Accenture","Google","Jollibee Foods","Canva","Grab","BDO","Siemens","Shopee","Meralco","Petron",
 "Freelance","Independent","Open Source Initiative","Rakuten","Toyota","Unilever","Nestle"]
cities = ["Manila","Cebu City","Davao","Makati","Madrid","Berlin","Tokyo","Boston","London","Singapore","Lima","Sydney"]
seen = set()
while len(A) < 260:
    f, l = R.choice(first), R.choice(last)
    if (f,l) in seen: continue
    seen.add((f,l))
    email = "%s.%s@%s" % (f.lower(), l.lower(), R.choice(["gmail.com","yahoo.com","outlook.com","proton.me"])) if R.random()<0.5 else ""
    A.append(("%s %s" % (f,l), email, R.choice(orgs), R.choice(cities) if R.random()<0.6 else "", "", ""))

import unicodedata
def fo(s): return "".join(ch for ch in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(ch)).replace("'","").replace(" ","").replace("-","")
byid = {c["id"]: c for c in contacts}
OVER = {("Mary Johnson","Kaiser Permanente"):"c110",("Mary Johnson","Target"):"c111",("Ana Reyes","Globe Telecom, Inc."):"c114",
        ("Juan Rodriguez","Despegar.com"):"c113", ("Maria Santos","Jollibee Foods Corp."):"c003", ("Bill T",""):"c007", ("Michael C.",""):"c011", ("Jim O'Brien",""):"c010", ("Gabe Silva",""):"c085", ("Francis Ong",""):"c116"}
B = []
for a in A:
    lab = a[5]
    if (a[0],a[2]) in OVER: lab = OVER[(a[0],a[2])]
    elif lab:
        blob = fo(" ".join(a[:5]))
        c = byid.get(lab)
        if c is None or fo(c["f"])[:3] not in blob or fo(c["g"])[:1] != fo(a[0].split(",")[-1].replace("Dr.","").replace("Prof.","").replace("Atty.","").replace("Engr.","").replace("Mr.","").replace("Mrs.","").replace("Ms.","").strip())[:1] and "," not in a[0]:
            cands = [x for x in contacts if fo(x["f"]) in blob]
            if len(cands) > 1:
                oc = [x for x in cands if a[2] and fo(a[2].split()[0])[:4] in fo(x["org"])]
                if oc: cands = oc
            if len(cands) == 1: lab = cands[0]["id"]
            else: print("UNRESOLVED", a, [x["name"] for x in cands])
    B.append(a[:5] + (lab,))
A = B
# Issue 15: the kinds of miss a real list showed, and the strangers they must not catch.
# Labelled by hand (the heuristic above is for the rows before).
A += [
 # letters lost by an export that dropped bytes of accented letters, organisation or city agreeing
 ("Bjrn Cruz","","Kumon","Makati","","c120"),
 ("Joé Costa","","Atlassian","","","c121"),
 ("Chlé Nakamura","","Shopee Philippines","Singapore","","c122"),
 ("Sren Lindqvist","","","Stockholm","","c126"),
 ("Raúl Ibez","","MercadoLibre","","","c127"),
 ("Dolores Muoz","","Independent","Madrid","","c128"),
 # organisation variants
 ("Aurora Tiongco","","Kumon Philippines, Inc.","Davao","","c130"),
 ("Andy Campbell","","Atlassian","","","c038"),
 ("Jeff Ong","","Shopee Philippines","","","c105"),
 ("Marites Galang","","Freelancer","Cebu City","","c129"),
 ("Bienvenido Lumbera","","UP Diliman","","","c094"),
 ("Wilfredo Pangilinan","","DOST","","","c131"),
 # honorifics and case, the city agreeing
 ("Atty. Kristine Mendoza","","Self-employed","Quezon City","","c123"),
 ("Dr. Jennifer Fernández","","UP Diliman","Quezon City","","c124"),
 ("DANIEL SILVA","","","Taguig","","c125"),
 ("Engr. Wilfredo Pangilinan","","","Taguig","","c131"),
 # hard negatives: the same or a clipped name, another person
 ("Kristine Mendoza","","Jollibee Foods","Quezon City","",""),
 ("Jennifer Fernandez","","Ateneo de Manila University","Quezon City","",""),
 ("Jennifer Fernández","","UPS","Quezon City","",""),
 ("Daniel Silva","","Petron","Taguig","",""),
 ("Bjrn Cruz","","Accenture","Manila","",""),
 ("Joe Costa","","Rakuten","Tokyo","",""),
 ("Sren Lindqvist","","Spotify","Stockholm","",""),
 ("Marites Galang","","Globe Telecom","Cebu City","",""),
 ("Chle Nakamura","","Grab","Lima","",""),
 ("Dolores Mu","","Freelance","Madrid","",""),
]
for a in A:
    if 0: print(a[0], "|", a[2], "->", byid[a[5]]["name"], "|", byid[a[5]]["org"])
ids = {c["id"] for c in contacts}
with open(os.path.join(HERE, "attendees.csv"),"w",newline="") as fh:
    w = csv.writer(fh)
    # One conference list never holds the same person twice: rows are spread over lists so
    # that each contact is the truth for at most one row per list.
    w.writerow(["list","name","email","organization","city","linkedin","expected_contact_id"])
    used = []
    for i, a in enumerate(A):
        k = 0
        if a[5]:
            while k < len(used) and a[5] in used[k]: k += 1
        else:
            k = i % 3
        while len(used) <= k: used.append(set())
        used[k].add(a[5])
        w.writerow(("conf%d" % (k+1),) + tuple(a))
bad = [a for a in A if a[5] and a[5] not in ids]
print(len(A), "bad labels:", bad)
