/**
 * Names as a UK clinic's client list really has them: English, Welsh, Scottish
 * and Irish names with their accents and apostrophes, Polish letters, South
 * Asian, Arabic (some written in Arabic script), Chinese (some in Han
 * characters), West African and Caribbean, and other European names. Search,
 * sorting and display have to cope with all of them, so the test data does too.
 *
 * A name in another script carries its usual Latin spelling, used where a
 * client would use it too (an email address).
 */
import type { Rng } from './random';

/** A name as written, and its plain Latin form (for email addresses). */
export type Name = readonly [written: string, latin: string];

interface Culture {
  readonly female: readonly Name[];
  readonly male: readonly Name[];
  readonly last: readonly Name[];
}

/** Letters with no combining mark to drop, spelt the way their owners do in an email address. */
const PLAIN_LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', ß: 'ss', ı: 'i', æ: 'ae', Æ: 'Ae' };

/** Latin names: the plain form is the name with its accents dropped. */
const latin = (...names: string[]): Name[] =>
  names.map((n) => [n, n.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[łŁøØßıæÆ]/g, (c) => PLAIN_LETTERS[c]!)] as const);

const CULTURES: Record<string, Culture> = {
  english: {
    female: latin('Olivia', 'Amelia', 'Isla', 'Emily', 'Sophie', 'Charlotte', 'Jessica', 'Hannah', 'Lucy', 'Grace', 'Ellie', 'Katherine', 'Rebecca', 'Victoria', 'Elizabeth', 'Sarah', 'Laura', 'Gemma', 'Zoë', 'Chloé', 'Anne-Marie', 'Rosie', 'Harriet', 'Georgina', 'Abigail', 'Poppy', 'Eleanor', 'Joanne', 'Tracey', 'Susan', 'Margaret', 'Linda'),
    male: latin('James', 'Oliver', 'Thomas', 'Harry', 'William', 'George', 'Jack', 'Daniel', 'Matthew', 'Christopher', 'Richard', 'Mark'),
    last: latin('Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Johnson', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Clarke', 'Jackson', 'Turner', 'Hill', 'Cooper', 'Ward', 'Morris', 'King', 'Baker', 'Harrison', 'Hartley', 'Fletcher', 'Lloyd-Webber', 'Ashworth', 'Pemberton', 'Fitzgerald', 'Sutcliffe', 'Whitfield'),
  },
  welsh: {
    female: latin('Angharad', 'Bethan', 'Carys', 'Cerys', 'Ffion', 'Gwenllian', 'Lowri', 'Nia', 'Rhiannon', 'Seren', 'Siân', 'Eluned', 'Gwawr', 'Mared', 'Mererid'),
    male: latin('Dafydd', 'Emyr', 'Gethin', 'Ieuan', 'Rhodri', 'Siôn', 'Iwan'),
    last: latin('Davies', 'Evans', 'Williams', 'Roberts', 'Lewis', 'Morgan', 'Griffiths', 'Price', 'Pritchard', 'ap Gwilym', 'Llywelyn', 'Rhys', 'Bowen', 'Prosser', 'Vaughan'),
  },
  scottish: {
    female: latin('Ailsa', 'Catriona', 'Eilidh', 'Fiona', 'Iona', 'Kirsty', 'Mhairi', 'Morag', 'Shona', 'Skye', 'Mairead', 'Isla', 'Rhona'),
    male: latin('Alasdair', 'Callum', 'Euan', 'Fraser', 'Hamish', 'Ruaridh', 'Lachlan'),
    last: latin('MacDonald', 'McLeod', 'Campbell', 'Stewart', 'Robertson', 'Fraser', 'MacKenzie', 'Murray', 'Sinclair', 'Drummond', 'McIntyre', 'Ross', 'Buchanan', 'Gillespie', 'MacAulay'),
  },
  irish: {
    female: latin('Siobhán', 'Aoife', 'Niamh', 'Saoirse', 'Caoimhe', 'Róisín', 'Gráinne', 'Orla', 'Sinéad', 'Méabh', 'Aisling', 'Clodagh', 'Éabha', 'Bríd'),
    male: latin('Ciarán', 'Seán', 'Pádraig', 'Eoin', 'Oisín', 'Darragh', 'Cathal'),
    last: latin('Ó Briain', "O'Brien", 'Murphy', 'Kelly', "O'Sullivan", 'Walsh', 'Byrne', 'Ryan', "O'Connor", 'Mac Giolla Phádraig', 'Ní Bhriain', 'Ó Súilleabháin', 'Doherty', 'Gallagher', 'Quinn', 'McLaughlin'),
  },
  polish: {
    female: latin('Małgorzata', 'Agnieszka', 'Katarzyna', 'Joanna', 'Magdalena', 'Aleksandra', 'Żaneta', 'Zuzanna', 'Wiktoria', 'Dorota', 'Elżbieta', 'Bożena', 'Justyna', 'Łucja'),
    male: latin('Paweł', 'Łukasz', 'Michał', 'Krzysztof', 'Wojciech', 'Grzegorz'),
    last: latin('Wiśniewska', 'Nowak', 'Kowalska', 'Wójcik', 'Kamińska', 'Lewandowska', 'Zielińska', 'Szymańska', 'Woźniak', 'Dąbrowska', 'Kozłowska', 'Jankowska', 'Mazur', 'Krawczyk', 'Grabowska'),
  },
  southAsian: {
    female: latin('Priya', 'Aisha', 'Anjali', 'Deepika', 'Harpreet', 'Kiran', 'Nadia', 'Neha', 'Parveen', 'Rukhsana', 'Simran', 'Sunita', 'Zainab', 'Ayesha', 'Fatima', 'Meera', 'Jaspreet', 'Shabana', 'Nusrat'),
    male: latin('Arjun', 'Imran', 'Rahul', 'Sanjay', 'Amir', 'Gurpreet', 'Rizwan'),
    last: latin('Patel', 'Khan', 'Ahmed', 'Singh', 'Kaur', 'Shah', 'Hussain', 'Begum', 'Chaudhry', 'Sharma', 'Gupta', 'Rahman', 'Iqbal', 'Mistry', 'Choudhury', 'Malik', 'Bhatt', 'Sandhu'),
  },
  arabic: {
    female: [['فاطمة', 'Fatima'], ['مريم', 'Maryam'], ['نور', 'Noor'], ['ليلى', 'Layla'], ['سارة', 'Sara'], ['هدى', 'Huda'], ...latin('Yasmin', 'Noor', 'Layla', 'Rania', 'Hana', 'Amira', 'Dalia', 'Salma')],
    male: [['محمد', 'Mohammed'], ['عمر', 'Omar'], ...latin('Youssef', 'Karim', 'Tariq', 'Omar')],
    last: [['حداد', 'Haddad'], ['العلي', 'Al-Ali'], ['منصور', 'Mansour'], ['خليل', 'Khalil'], ...latin('Haddad', 'Al-Sayed', 'Mansour', 'Nasser', 'Saleh', 'El-Masry', 'Abdullah', 'Hamdan')],
  },
  chinese: {
    female: [['美玲', 'Meiling'], ['晓燕', 'Xiaoyan'], ['丽华', 'Lihua'], ['静', 'Jing'], ...latin('Mei', 'Xiu Ying', 'Li Na', 'Wing Yan', 'Hui Min', 'Jia Hui', 'Ka Yee')],
    male: [['伟', 'Wei'], ...latin('Wei', 'Jun', 'Hao', 'Ka Ho')],
    last: [['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['陈', 'Chen'], ...latin('Chen', 'Wong', 'Li', 'Zhang', 'Liu', 'Lam', 'Cheung', 'Ng', 'Ho', 'Chan', 'Yip')],
  },
  africanCaribbean: {
    female: latin('Adaeze', 'Chiamaka', 'Ngozi', 'Folake', 'Abena', 'Ama', 'Yetunde', 'Funmilayo', 'Shanice', 'Keisha', 'Tamika', 'Precious', 'Blessing', 'Nia', 'Imani'),
    male: latin('Chinedu', 'Kwame', 'Tunde', 'Kofi', 'Jerome', 'Marcus'),
    last: latin('Okafor', 'Adeyemi', 'Mensah', 'Okonkwo', 'Boateng', 'Owusu', 'Balogun', 'Campbell', 'Clarke', 'Williams', 'Thomas', 'Francis', 'Oyelaran', 'Nwosu', 'Asante'),
  },
  otherEuropean: {
    female: latin('Chloé', 'Hélène', 'Amélie', 'Giulia', 'Francesca', 'Lucía', 'María José', 'Inês', 'Beatriz', 'Eleni', 'Zeynep', 'Ayşe', 'Ingrid', 'Björk', 'Dóra', 'Ana', 'Raluca', 'Ioana'),
    male: latin('François', 'Luca', 'Javier', 'Nikos', 'Emre', 'Lars'),
    last: latin('Dubois', 'Lefèvre', 'Rossi', 'Bianchi', 'García', 'Fernández', 'Gonçalves', 'Papadopoulou', 'Yılmaz', 'Öztürk', 'Müller', 'Schäfer', 'Jørgensen', 'Nagy', 'Popescu', 'Ionescu', 'van der Berg'),
  },
};

/** Rough shares of a clinic's clients, so most names are common and some are rare. */
const CULTURE_WEIGHTS: readonly (readonly [keyof typeof CULTURES, number])[] = [
  ['english', 42],
  ['welsh', 7],
  ['scottish', 7],
  ['irish', 7],
  ['polish', 7],
  ['southAsian', 12],
  ['arabic', 5],
  ['chinese', 4],
  ['africanCaribbean', 5],
  ['otherEuropean', 4],
];

const NICKNAMES: Record<string, string> = {
  Katherine: 'Kate', Elizabeth: 'Liz', Victoria: 'Tori', Rebecca: 'Becky', Abigail: 'Abbie', Margaret: 'Maggie', Małgorzata: 'Gosia',
  Katarzyna: 'Kasia', Aleksandra: 'Ola', Joanna: 'Asia', Magdalena: 'Madzia', Gwenllian: 'Gwen', Catriona: 'Cat', Eleanor: 'Ellie',
  Georgina: 'George', Harriet: 'Hattie', Christopher: 'Chris', Alasdair: 'Ali', 'Anne-Marie': 'Annie', Funmilayo: 'Funmi', Chiamaka: 'Amaka',
};

/** People do put emoji in the name they like to be called by; the record must keep them whole. */
const EMOJI = ['🌸', '✨', '💖', '🌺', '🦋', '🌻', '💫', '👑', '🌙', '🍀'];

export interface PersonName {
  firstName: string;
  lastName: string;
  preferredName: string;
  gender: string;
  /** Latin first and last names, for the email address. */
  latinFirst: string;
  latinLast: string;
}

export function makeName(rng: Rng): PersonName {
  const culture = CULTURES[rng.weighted(CULTURE_WEIGHTS)]!;
  const gender = rng.weighted([['Female', 86], ['Male', 11], ['Non-binary', 1], ['', 2]] as const);
  const first = rng.pick(gender === 'Male' ? culture.male : culture.female);
  // One in ten clients has a surname from another tradition (marriage, adoption...).
  const last = rng.chance(0.1) ? rng.pick(CULTURES[rng.weighted(CULTURE_WEIGHTS)]!.last) : rng.pick(culture.last);
  let preferredName = '';
  const nickname = NICKNAMES[first[0]];
  if (nickname && rng.chance(0.5)) preferredName = nickname;
  else if (rng.chance(0.04)) preferredName = `${first[0]} ${rng.pick(EMOJI)}`;
  if (preferredName && rng.chance(0.1)) preferredName += ` ${rng.pick(EMOJI)}`;
  return { firstName: first[0], lastName: last[0], preferredName, gender, latinFirst: first[1], latinLast: last[1] };
}

export const OCCUPATIONS = [
  'Nurse', 'Teacher', 'Solicitor', 'Accountant', 'Hairdresser', 'Retail manager', 'Software developer', 'Student', 'Retired',
  'Dental hygienist', 'Estate agent', 'Marketing manager', 'Civil servant', 'Pharmacist', 'Police officer', 'Self-employed',
  'Personal trainer', 'Barrister', 'Receptionist', 'Paramedic', 'Social worker', 'Architect', 'Chef', 'Make-up artist',
  'Cabin crew', 'HR consultant', 'Graphic designer', 'GP', 'Midwife', 'Photographer', 'Company director', 'Carer', '',
];

export const INTERESTS = [
  'Anti-wrinkle', 'Lip filler', 'Cheek filler', 'Jawline contouring', 'Tear trough', 'Skin boosters', 'Profhilo', 'Chemical peels',
  'Microneedling', 'Laser hair removal', 'Pigmentation', 'Acne scarring', 'Rosacea', 'Hyperhidrosis', 'Skincare advice', 'Masseter (jaw clenching)',
];
